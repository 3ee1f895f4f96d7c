package io.jenkins.plugins.bluegreen.view;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.bluegreen.model.CheckResult;
import io.jenkins.plugins.bluegreen.model.Color;
import io.jenkins.plugins.bluegreen.model.EventType;
import io.jenkins.plugins.bluegreen.model.Outcome;
import io.jenkins.plugins.bluegreen.model.ServiceState;
import io.jenkins.plugins.bluegreen.model.StateMachine;
import io.jenkins.plugins.bluegreen.model.VerificationReport;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ServiceViewTest {

    private static final Instant T0 = Instant.parse("2026-11-22T05:00:00Z");

    /** Deploys, verifies and switches to the colour, one minute per step. */
    static ServiceState release(ServiceState state, Color color, String version, int minute) {
        Instant at = T0.plusSeconds(60L * minute);
        ServiceState deployed = StateMachine.finishDeploy(StateMachine.startDeploy(state, color, version,
                List.of("http://127.0.0.1:8080/" + color.label()), "alice", at), color, "alice", at);
        VerificationReport report = VerificationReport.of(color, version, "http://127.0.0.1:8080/" + color.label(),
                List.of(new CheckResult("http GET /health", Outcome.SUCCESSFUL, "200 as expected", 1, 12),
                        new CheckResult("http GET /version", Outcome.SUCCESSFUL, "", 3, 40)), at);
        ServiceState verified = StateMachine.recordVerification(deployed, report, "ci", at);
        return StateMachine.switched(verified, color, false, "bob", at.plusSeconds(30), null);
    }

    /** GREEN 1.4.2 live, BLUE 1.4.1 on standby. */
    static ServiceState greenLiveBlueStandby() {
        return release(release(ServiceState.initial("shop"), Color.BLUE, "1.4.1", 0), Color.GREEN, "1.4.2", 10);
    }

    @Test
    void normalCaseOffersRollbackToTheStandbyWithItsVersion() {
        ServiceView view = ServiceView.of(greenLiveBlueStandby(), Optional.of(Color.GREEN), null);

        assertThat(view.service()).isEqualTo("shop");
        assertThat(view.liveLabel()).isEqualTo("Live: GREEN (1.4.2)");
        assertThat(view.liveColor()).isEqualTo("green");
        assertThat(view.observedLabel()).isEqualTo("Router serves GREEN");
        assertThat(view.drifted()).isFalse();
        assertThat(view.drift()).isEmpty();
        assertThat(view.rollback()).isEqualTo(new RollbackButtonView("Switch back to BLUE (1.4.1)", true, ""));
        assertThat(view.drill()).isEqualTo(new RollbackButtonView("Run rollback drill", true, ""));
    }

    @Test
    void environmentsShowVersionStatusTimesActorAndLastChecks() {
        ServiceView view = ServiceView.of(greenLiveBlueStandby(), Optional.of(Color.GREEN), null);

        assertThat(view.environments()).extracting(EnvironmentView::color).containsExactly("blue", "green");
        EnvironmentView blue = view.environments().get(0);
        assertThat(blue.label()).isEqualTo("BLUE (1.4.1)");
        assertThat(blue.version()).isEqualTo("1.4.1");
        assertThat(blue.status()).isEqualTo("STANDBY");
        assertThat(blue.updatedAt()).isEqualTo("2026-11-22T05:10:30Z");
        assertThat(blue.actor()).isEqualTo("bob");
        assertThat(blue.previewUrl()).isEqualTo("http://127.0.0.1:8080/blue");
        assertThat(blue.reportOutcome()).isEqualTo("SUCCESSFUL");
        assertThat(blue.checks()).containsExactly(
                new CheckLineView("✔", "successful", "http GET /health: 200 as expected (1 attempt, 12 ms)"),
                new CheckLineView("✔", "successful", "http GET /version (3 attempts, 40 ms)"));
        assertThat(view.environments().get(1).status()).isEqualTo("LIVE");
    }

    @Test
    void eventsAreNewestFirstWithIsoTimes() {
        ServiceView view = ServiceView.of(greenLiveBlueStandby(), Optional.of(Color.GREEN), null);

        EventView newest = view.events().get(0);
        assertThat(newest).isEqualTo(new EventView("SWITCHED", "green", "1.4.2", "bob", "2026-11-22T05:10:30Z",
                "switched traffic to GREEN (1.4.2)"));
        assertThat(view.events().get(view.events().size() - 1).type()).isEqualTo("DEPLOY_STARTED");
        assertThat(view.events()).hasSize(8);
    }

    @Test
    void nothingLiveDisablesBothButtons() {
        ServiceView view = ServiceView.of(ServiceState.initial("shop"), Optional.empty(), null);

        assertThat(view.liveLabel()).isEqualTo("Nothing live yet");
        assertThat(view.liveColor()).isEqualTo("none");
        assertThat(view.observedLabel()).isEqualTo("Router: no single colour observed");
        assertThat(view.environments()).extracting(EnvironmentView::label).containsExactly("BLUE", "GREEN");
        assertThat(view.environments()).allSatisfy(e -> {
            assertThat(e.version()).isEmpty();
            assertThat(e.updatedAt()).isEmpty();
            assertThat(e.reportOutcome()).isEmpty();
            assertThat(e.checks()).isEmpty();
        });
        assertThat(view.events()).isEmpty();
        assertThat(view.rollback().label()).isEqualTo("Switch back (no standby)");
        assertThat(view.rollback().enabled()).isFalse();
        assertThat(view.rollback().disabledReason()).contains("nothing is live yet");
        assertThat(view.drill().enabled()).isFalse();
        assertThat(view.drill().disabledReason()).isEqualTo(view.rollback().disabledReason());
    }

    @Test
    void noStandbyAfterTheFirstSwitchDisablesRollback() {
        ServiceState firstRelease = release(ServiceState.initial("shop"), Color.BLUE, "1.4.1", 0);

        ServiceView view = ServiceView.of(firstRelease, Optional.of(Color.BLUE), null);

        assertThat(view.liveLabel()).isEqualTo("Live: BLUE (1.4.1)");
        assertThat(view.rollback().label()).as("GREEN was never live: no colour named").isEqualTo("Switch back (no standby)");
        assertThat(view.rollback().enabled()).isFalse();
        assertThat(view.rollback().disabledReason()).contains("GREEN").contains("EMPTY");
        assertThat(view.drill().enabled()).isFalse();
    }

    @Test
    void retiredStandbyDisablesRollbackAndSaysItIsRetired() {
        ServiceState retired = StateMachine.retired(greenLiveBlueStandby(), "carol", T0.plusSeconds(3600));

        ServiceView view = ServiceView.of(retired, Optional.of(Color.GREEN), null);

        assertThat(view.rollback().label()).isEqualTo("Switch back (no standby)");
        assertThat(view.rollback().enabled()).isFalse();
        assertThat(view.rollback().disabledReason()).contains("BLUE (1.4.1)").contains("because it is RETIRED");
        assertThat(view.drill().enabled()).isFalse();
        assertThat(view.events().get(0).type()).isEqualTo("RETIRED");
    }

    @Test
    void driftDisablesRollbackUntilReconciled() {
        String drift = "the router serves BLUE but the record says GREEN is live";

        ServiceView view = ServiceView.of(greenLiveBlueStandby(), Optional.of(Color.BLUE), drift);

        assertThat(view.drifted()).isTrue();
        assertThat(view.drift()).isEqualTo(drift);
        assertThat(view.observedLabel()).isEqualTo("Router serves BLUE");
        assertThat(view.rollback().enabled()).isFalse();
        assertThat(view.rollback().disabledReason()).contains(drift).contains("reconcile");
        assertThat(view.drill().enabled()).isFalse();
    }

    @Test
    void onlyHttpPreviewUrlsAreOfferedAsLinks() {
        ServiceState state = StateMachine.startDeploy(ServiceState.initial("shop"), Color.BLUE, "1.0",
                List.of("javascript:alert(1)"), "alice", T0);

        assertThat(ServiceView.of(state, Optional.empty(), null).environments().get(0).previewUrl()).isEmpty();
    }

    @Test
    void afterARollbackTheButtonRollsForwardAndAfterThatSwitchesBackAgain() {
        ServiceState rolledBack = StateMachine.rolledBack(greenLiveBlueStandby(), EventType.ROLLED_BACK, "dave",
                T0.plusSeconds(3600), "errors up");

        ServiceView afterRollback = ServiceView.of(rolledBack, Optional.of(Color.BLUE), null);
        assertThat(afterRollback.rollback().label()).isEqualTo("Roll forward to GREEN (1.4.2)");
        assertThat(afterRollback.events().get(0).detail()).isEqualTo("switched back to BLUE (1.4.1) from GREEN (1.4.2): errors up");

        ServiceState forward = StateMachine.rolledBack(rolledBack, EventType.ROLLED_BACK, "dave", T0.plusSeconds(3700), "fixed");
        ServiceView afterForward = ServiceView.of(forward, Optional.of(Color.GREEN), null);
        assertThat(afterForward.rollback().label()).isEqualTo("Switch back to BLUE (1.4.1)");
        assertThat(afterForward.events().get(0).detail()).isEqualTo("rolled forward to GREEN (1.4.2) from BLUE (1.4.1): fixed");
    }

    @Test
    void theHeadlineNamesTheServiceForTheSidebar() {
        assertThat(ServiceView.of(greenLiveBlueStandby(), Optional.of(Color.GREEN), null).headline()).isEqualTo("shop: Live GREEN (1.4.2)");
        assertThat(ServiceView.of(ServiceState.initial("shop"), Optional.empty(), null).headline()).isEqualTo("shop: nothing live yet");
    }

    @Test
    void anOlderStateSaysTheServiceMovedOnAndWhoRecordedTheNewest() {
        ServiceState older = greenLiveBlueStandby();
        ServiceState newer = StateMachine.rolledBack(older, EventType.ROLLED_BACK, "dave", T0.plusSeconds(3600), null)
                .withRevision(older.revision() + 1);

        assertThat(ServiceView.movedOn(older, newer, "shop-rollback #1"))
                .isEqualTo("State has moved on: now Live BLUE (1.4.1), recorded by shop-rollback #1");
        assertThat(ServiceView.movedOn(newer, newer, "shop-rollback #1")).isEmpty();
    }

    @Test
    void anAdoptedLiveColourSaysSoUntilTrafficMoves() {
        ServiceState adopted = StateMachine.adopted(ServiceState.initial("shop"), Color.BLUE, "1.0", "alice", T0,
                "the haproxy router serves BLUE");

        assertThat(ServiceView.of(adopted, Optional.of(Color.BLUE), null).adoption())
                .isEqualTo("adopted BLUE (1.0) as live, as found: the haproxy router serves BLUE (by alice)");
        ServiceState released = release(adopted, Color.GREEN, "2.0", 5);
        assertThat(ServiceView.of(released, Optional.of(Color.GREEN), null).adoption()).isEmpty();
        assertThat(ServiceView.of(greenLiveBlueStandby(), Optional.of(Color.GREEN), null).adoption()).isEmpty();
    }
}
