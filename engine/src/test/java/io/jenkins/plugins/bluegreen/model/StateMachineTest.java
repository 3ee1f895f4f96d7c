package io.jenkins.plugins.bluegreen.model;

import static io.jenkins.plugins.bluegreen.model.Color.BLUE;
import static io.jenkins.plugins.bluegreen.model.Color.GREEN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

class StateMachineTest {

    private static final Instant AT = Instant.parse("2026-11-22T10:00:00Z");

    /** A service whose BLUE is LIVE (1.0) and whose GREEN has the given status (version 2.0 unless EMPTY). */
    static ServiceState blueLiveGreen(EnvironmentStatus greenStatus) {
        Environment blue = new Environment(BLUE, "1.0", List.of("http://blue"), EnvironmentStatus.LIVE, null, AT, "alice");
        Environment green = greenStatus == EnvironmentStatus.EMPTY ? Environment.empty(GREEN)
                : new Environment(GREEN, "2.0", List.of("http://green"), greenStatus, null, AT, "alice");
        return new ServiceState("shop", 3, BLUE, blue, green, List.of(), null);
    }

    static VerificationReport report(Color color, Outcome outcome) {
        return new VerificationReport(color, "2.0", "http://" + color.label(), outcome,
                List.of(new CheckResult("http GET /health", outcome, "seen", 1, 5)), AT);
    }

    // ------------------------------------------------------------- deploy

    @ParameterizedTest
    @EnumSource(value = EnvironmentStatus.class, names = "LIVE", mode = EnumSource.Mode.EXCLUDE)
    void deployIsAllowedOntoEveryColourThatIsNotLive(EnvironmentStatus greenStatus) {
        ServiceState next = StateMachine.startDeploy(blueLiveGreen(greenStatus), GREEN, "3.0", List.of("http://g"), "bob", AT);

        assertThat(next.green().status()).isEqualTo(EnvironmentStatus.DEPLOYING);
        assertThat(next.green().version()).isEqualTo("3.0");
        assertThat(next.green().lastReport()).isNull();
        assertThat(next.live()).isEqualTo(BLUE);
        assertThat(next.events()).singleElement().satisfies(e -> {
            assertThat(e.type()).isEqualTo(EventType.DEPLOY_STARTED);
            assertThat(e.actor()).isEqualTo("bob");
        });
    }

    @Test
    void deployOntoTheLiveColourIsRefusedNamingTheIdleColour() {
        assertThatThrownBy(() -> StateMachine.startDeploy(blueLiveGreen(EnvironmentStatus.STANDBY), BLUE, "3.0", List.of(), "bob", AT))
                .isInstanceOf(RefusedException.class)
                .hasMessageContaining("BLUE (1.0) is LIVE")
                .hasMessageContaining("deploy to the idle colour GREEN");
    }

    @Test
    void replacingTheStandbySaysSoInTheAuditTrail() {
        ServiceState next = StateMachine.startDeploy(blueLiveGreen(EnvironmentStatus.STANDBY), GREEN, "3.0", List.of(), "bob", AT);

        assertThat(next.events().get(0).detail()).contains("replacing standby GREEN (2.0)");
    }

    @Test
    void deployWithoutVersionIsBadInputNamingTheField() {
        assertThatThrownBy(() -> StateMachine.startDeploy(ServiceState.initial("shop"), BLUE, " ", List.of(), "bob", AT))
                .isInstanceOf(BadInputException.class)
                .hasMessageStartingWith("version:");
    }

    @ParameterizedTest
    @EnumSource(EnvironmentStatus.class)
    void finishAndFailDeployOnlyFromDeploying(EnvironmentStatus greenStatus) {
        ServiceState state = blueLiveGreen(greenStatus);
        if (greenStatus == EnvironmentStatus.DEPLOYING) {
            assertThat(StateMachine.finishDeploy(state, GREEN, "bob", AT).green().status()).isEqualTo(EnvironmentStatus.DEPLOYED);
            ServiceState failed = StateMachine.failDeploy(state, GREEN, "bob", AT, "exit 1");
            assertThat(failed.green().status()).isEqualTo(EnvironmentStatus.FAILED);
            assertThat(failed.events().get(0).detail()).contains("exit 1");
        } else {
            assertThatThrownBy(() -> StateMachine.finishDeploy(state, GREEN, "bob", AT))
                    .isInstanceOf(RefusedException.class).hasMessageContaining("because it is " + greenStatus);
            assertThatThrownBy(() -> StateMachine.failDeploy(state, GREEN, "bob", AT, "x"))
                    .isInstanceOf(RefusedException.class).hasMessageContaining("needs DEPLOYING");
        }
    }

    // ------------------------------------------------------------- verify

    static Stream<Arguments> verificationMoves() {
        return Stream.of(
                Arguments.of(EnvironmentStatus.DEPLOYED, Outcome.SUCCESSFUL, EnvironmentStatus.VERIFIED),
                Arguments.of(EnvironmentStatus.DEPLOYED, Outcome.FAILED, EnvironmentStatus.FAILED),
                Arguments.of(EnvironmentStatus.DEPLOYED, Outcome.ERROR, EnvironmentStatus.DEPLOYED),
                Arguments.of(EnvironmentStatus.DEPLOYED, Outcome.INCONCLUSIVE, EnvironmentStatus.DEPLOYED),
                Arguments.of(EnvironmentStatus.VERIFIED, Outcome.FAILED, EnvironmentStatus.FAILED),
                Arguments.of(EnvironmentStatus.FAILED, Outcome.SUCCESSFUL, EnvironmentStatus.VERIFIED),
                Arguments.of(EnvironmentStatus.STANDBY, Outcome.FAILED, EnvironmentStatus.STANDBY),
                Arguments.of(EnvironmentStatus.STANDBY, Outcome.SUCCESSFUL, EnvironmentStatus.STANDBY));
    }

    @ParameterizedTest
    @MethodSource("verificationMoves")
    void verificationMovesTheIdleColourByOutcome(EnvironmentStatus before, Outcome outcome, EnvironmentStatus after) {
        ServiceState next = StateMachine.recordVerification(blueLiveGreen(before), report(GREEN, outcome), "ci", AT);

        assertThat(next.green().status()).isEqualTo(after);
        assertThat(next.green().lastReport().outcome()).isEqualTo(outcome);
        assertThat(next.events()).extracting(Event::type).containsExactly(EventType.VERIFIED);
    }

    @Test
    void verifyingTheLiveColourRecordsTheReportButKeepsItLive() {
        ServiceState next = StateMachine.recordVerification(blueLiveGreen(EnvironmentStatus.DEPLOYED), report(BLUE, Outcome.FAILED), "ci", AT);

        assertThat(next.blue().status()).isEqualTo(EnvironmentStatus.LIVE);
        assertThat(next.blue().lastReport().outcome()).isEqualTo(Outcome.FAILED);
    }

    @ParameterizedTest
    @EnumSource(value = EnvironmentStatus.class, names = {"EMPTY", "DEPLOYING", "RETIRED"})
    void verifyingWhatIsNotDeployedIsRefused(EnvironmentStatus greenStatus) {
        assertThatThrownBy(() -> StateMachine.recordVerification(blueLiveGreen(greenStatus), report(GREEN, Outcome.SUCCESSFUL), "ci", AT))
                .isInstanceOf(RefusedException.class)
                .hasMessageContaining("cannot verify it")
                .hasMessageContaining(greenStatus.name());
    }

    // ------------------------------------------------------------- switch

    @ParameterizedTest
    @EnumSource(EnvironmentStatus.class)
    void onlyAVerifiedColourTakesTrafficUnforced(EnvironmentStatus greenStatus) {
        ServiceState state = blueLiveGreen(greenStatus);
        if (greenStatus == EnvironmentStatus.VERIFIED) {
            ServiceState next = StateMachine.switched(state, GREEN, false, "carol", AT, null);
            assertThat(next.live()).isEqualTo(GREEN);
            assertThat(next.green().status()).isEqualTo(EnvironmentStatus.LIVE);
            assertThat(next.blue().status()).isEqualTo(EnvironmentStatus.STANDBY);
            assertThat(next.events()).extracting(Event::type).containsExactly(EventType.SWITCHED);
        } else {
            assertThatThrownBy(() -> StateMachine.switched(state, GREEN, false, "carol", AT, null))
                    .isInstanceOf(RefusedException.class)
                    .hasMessageContaining("cannot switch to")
                    .hasMessageContaining("because it is " + greenStatus);
        }
    }

    private static final Set<EnvironmentStatus> FORCEABLE = EnumSet.of(
            EnvironmentStatus.DEPLOYED, EnvironmentStatus.VERIFIED, EnvironmentStatus.FAILED, EnvironmentStatus.STANDBY);

    @ParameterizedTest
    @EnumSource(EnvironmentStatus.class)
    void aForcedSwitchStillNeedsSomethingDeployedAndIsRecordedAsForced(EnvironmentStatus greenStatus) {
        ServiceState state = blueLiveGreen(greenStatus);
        if (FORCEABLE.contains(greenStatus)) {
            ServiceState next = StateMachine.switched(state, GREEN, true, "carol", AT, null);
            assertThat(next.live()).isEqualTo(GREEN);
            assertThat(next.events().get(0).detail()).contains("forced, not verified");
        } else {
            assertThatThrownBy(() -> StateMachine.switched(state, GREEN, true, "carol", AT, null)).isInstanceOf(RefusedException.class);
        }
    }

    @Test
    void switchingToTheLiveColourIsRefused() {
        assertThatThrownBy(() -> StateMachine.checkSwitch(blueLiveGreen(EnvironmentStatus.VERIFIED), BLUE, true))
                .isInstanceOf(RefusedException.class)
                .hasMessageContaining("already live");
    }

    @Test
    void theFirstSwitchMakesTheColourLiveAndLeavesTheOtherUntouched() {
        ServiceState state = ServiceState.initial("shop");
        state = StateMachine.startDeploy(state, BLUE, "1.0", List.of(), "a", AT);
        state = StateMachine.finishDeploy(state, BLUE, "a", AT);
        state = StateMachine.recordVerification(state, report(BLUE, Outcome.SUCCESSFUL), "a", AT);
        state = StateMachine.switched(state, BLUE, false, "a", AT, null);

        assertThat(state.live()).isEqualTo(BLUE);
        assertThat(state.idle()).isEqualTo(GREEN);
        assertThat(state.green().status()).isEqualTo(EnvironmentStatus.EMPTY);
        assertThat(state.events()).extracting(Event::type)
                .containsExactly(EventType.DEPLOY_STARTED, EventType.DEPLOYED, EventType.VERIFIED, EventType.SWITCHED);
    }

    // ------------------------------------------------------------- rollback, auto-rollback, retire, reconcile

    @ParameterizedTest
    @EnumSource(EnvironmentStatus.class)
    void rollbackNeedsAStandby(EnvironmentStatus greenStatus) {
        ServiceState state = blueLiveGreen(greenStatus);
        if (greenStatus == EnvironmentStatus.STANDBY) {
            ServiceState next = StateMachine.rolledBack(state, EventType.ROLLED_BACK, "dave", AT, "errors up");
            assertThat(next.live()).isEqualTo(GREEN);
            assertThat(next.green().status()).isEqualTo(EnvironmentStatus.LIVE);
            assertThat(next.blue().status()).isEqualTo(EnvironmentStatus.STANDBY);
            assertThat(next.events().get(0).detail()).endsWith(": errors up");
        } else {
            assertThatThrownBy(() -> StateMachine.rolledBack(state, EventType.ROLLED_BACK, "dave", AT, null))
                    .isInstanceOf(RefusedException.class)
                    .hasMessageContaining("only a STANDBY colour can take traffic back");
        }
    }

    @Test
    void rollbackAfterRetirementSaysItIsRetiredOnce() {
        assertThatThrownBy(() -> StateMachine.checkRollback(blueLiveGreen(EnvironmentStatus.RETIRED)))
                .hasMessageContaining("because it is RETIRED; only a STANDBY colour")
                .hasMessageNotContaining("(it was retired)");
    }

    // ------------------------------------------------------------- rolling forward after a rollback

    /** GREEN 2.0 went live, then traffic was rolled back to BLUE 1.0: GREEN is the standby. */
    private static ServiceState rolledBackFromGreen() {
        ServiceState state = StateMachine.recordVerification(blueLiveGreen(EnvironmentStatus.DEPLOYED), report(GREEN, Outcome.SUCCESSFUL), "a", AT);
        state = StateMachine.switched(state, GREEN, false, "a", AT, null);
        return StateMachine.rolledBack(state, EventType.ROLLED_BACK, "a", AT, "errors up");
    }

    @Test
    void aStandbyThatWasRolledBackFromNeedsAFreshVerificationBeforeASwitch() {
        ServiceState state = rolledBackFromGreen();

        assertThat(state.green().lastReport().outcome()).as("the verification from before it went live").isEqualTo(Outcome.SUCCESSFUL);
        assertThatThrownBy(() -> StateMachine.checkSwitch(state, GREEN, false))
                .isInstanceOf(RefusedException.class)
                .hasMessageContaining("cannot switch to GREEN (2.0) because it is STANDBY")
                .hasMessageContaining("has not passed a verification since it left traffic. Verify it again, then switch");
    }

    @Test
    void theAdviceInTheRefusalLeadsToASwitchThatIsAllowed() {
        ServiceState verifiedAgain = StateMachine.recordVerification(rolledBackFromGreen(), report(GREEN, Outcome.SUCCESSFUL), "b", AT);
        assertThat(verifiedAgain.green().status()).as("still the standby a rollback can use").isEqualTo(EnvironmentStatus.STANDBY);

        ServiceState next = StateMachine.switched(verifiedAgain, GREEN, false, "b", AT, null);

        assertThat(next.live()).isEqualTo(GREEN);
        assertThat(next.blue().status()).isEqualTo(EnvironmentStatus.STANDBY);
    }

    @ParameterizedTest
    @EnumSource(value = Outcome.class, names = "SUCCESSFUL", mode = EnumSource.Mode.EXCLUDE)
    void aStandbyWhoseFreshVerificationDidNotPassStaysRefused(Outcome outcome) {
        ServiceState state = StateMachine.recordVerification(rolledBackFromGreen(), report(GREEN, outcome), "b", AT);

        assertThatThrownBy(() -> StateMachine.checkSwitch(state, GREEN, false)).isInstanceOf(RefusedException.class);
    }

    // ------------------------------------------------------------- adopting a service that ran before the tool

    @Test
    void adoptionRecordsTheServedColourAsLiveSoTheOtherIsIdle() {
        ServiceState adopted = StateMachine.adopted(ServiceState.initial("shop"), GREEN, "0.9", "erin", AT, "the haproxy router serves GREEN");

        assertThat(adopted.live()).isEqualTo(GREEN);
        assertThat(adopted.idle()).isEqualTo(BLUE);
        assertThat(adopted.green().version()).isEqualTo("0.9");
        assertThat(adopted.events()).singleElement().satisfies(e -> {
            assertThat(e.type()).isEqualTo(EventType.ADOPTED);
            assertThat(e.actor()).isEqualTo("erin");
            assertThat(e.detail()).isEqualTo("adopted GREEN (0.9) as live, as found: the haproxy router serves GREEN");
        });
    }

    @Test
    void onlyAServiceWithNothingRecordedAsLiveIsAdopted() {
        assertThatThrownBy(() -> StateMachine.adopted(blueLiveGreen(EnvironmentStatus.VERIFIED), GREEN, null, "erin", AT, "x"))
                .isInstanceOf(RefusedException.class)
                .hasMessageContaining("BLUE (1.0) is already recorded as live");
    }

    @Test
    void aColourBeingDeployedIsNotAdopted() {
        ServiceState deploying = StateMachine.startDeploy(ServiceState.initial("shop"), BLUE, "1.0", List.of(), "a", AT);

        assertThatThrownBy(() -> StateMachine.adopted(deploying, BLUE, null, "erin", AT, "x"))
                .isInstanceOf(RefusedException.class)
                .hasMessageContaining("because it is DEPLOYING");
    }

    @Test
    void rollbackBeforeAnythingIsLiveIsRefused() {
        assertThatThrownBy(() -> StateMachine.checkRollback(ServiceState.initial("shop")))
                .isInstanceOf(RefusedException.class)
                .hasMessageContaining("nothing is live yet");
    }

    @Test
    void autoRollbackRestoresThePreviousColourAndMarksTheNewOneFailed() {
        ServiceState switched = StateMachine.switched(blueLiveGreen(EnvironmentStatus.VERIFIED), GREEN, false, "e", AT, null);

        ServiceState next = StateMachine.autoRolledBack(switched, GREEN, "e", AT, "3 failed probes");

        assertThat(next.live()).isEqualTo(BLUE);
        assertThat(next.blue().status()).isEqualTo(EnvironmentStatus.LIVE);
        assertThat(next.green().status()).isEqualTo(EnvironmentStatus.FAILED);
        assertThat(next.events()).last().satisfies(e -> {
            assertThat(e.type()).isEqualTo(EventType.AUTO_ROLLED_BACK);
            assertThat(e.detail()).contains("3 failed probes");
        });
    }

    @ParameterizedTest
    @EnumSource(EnvironmentStatus.class)
    void onlyTheStandbyCanBeRetired(EnvironmentStatus greenStatus) {
        ServiceState state = blueLiveGreen(greenStatus);
        if (greenStatus == EnvironmentStatus.STANDBY) {
            assertThat(StateMachine.retired(state, "f", AT).green().status()).isEqualTo(EnvironmentStatus.RETIRED);
        } else {
            assertThatThrownBy(() -> StateMachine.retired(state, "f", AT)).isInstanceOf(RefusedException.class);
        }
    }

    @Test
    void reconcilingFollowsTheRouter() {
        ServiceState next = StateMachine.reconciled(blueLiveGreen(EnvironmentStatus.VERIFIED), GREEN, "ops", AT);

        assertThat(next.live()).isEqualTo(GREEN);
        assertThat(next.green().status()).isEqualTo(EnvironmentStatus.LIVE);
        assertThat(next.blue().status()).isEqualTo(EnvironmentStatus.STANDBY);
        assertThat(next.events().get(0).detail()).contains("the router serves GREEN but the record said BLUE was live");
    }

    @Test
    void everyChangeAppendsExactlyOneEventAndKeepsTheRevision() {
        ServiceState state = blueLiveGreen(EnvironmentStatus.DEPLOYED);
        List<UnaryOperator<ServiceState>> changes = List.of(
                s -> StateMachine.recordVerification(s, report(GREEN, Outcome.SUCCESSFUL), "x", AT),
                s -> StateMachine.switched(s, GREEN, false, "x", AT, null),
                s -> StateMachine.rolledBack(s, EventType.ROLLED_BACK, "x", AT, null),
                s -> StateMachine.retired(s, "x", AT));
        for (UnaryOperator<ServiceState> change : changes) {
            ServiceState next = change.apply(state);
            assertThat(next.events()).hasSize(state.events().size() + 1);
            assertThat(next.revision()).isEqualTo(state.revision());
            state = next;
        }
    }
}
