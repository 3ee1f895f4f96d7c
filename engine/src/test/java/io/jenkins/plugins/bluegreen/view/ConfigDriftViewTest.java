package io.jenkins.plugins.bluegreen.view;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.bluegreen.model.CheckResult;
import io.jenkins.plugins.bluegreen.model.Color;
import io.jenkins.plugins.bluegreen.model.ConfigDrift;
import io.jenkins.plugins.bluegreen.model.IdleCost;
import io.jenkins.plugins.bluegreen.model.IdleStandby;
import io.jenkins.plugins.bluegreen.model.KeyDrift;
import io.jenkins.plugins.bluegreen.model.KeyDrift.Difference;
import io.jenkins.plugins.bluegreen.model.Outcome;
import io.jenkins.plugins.bluegreen.model.ServiceState;
import io.jenkins.plugins.bluegreen.model.StateMachine;
import io.jenkins.plugins.bluegreen.model.VerificationReport;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** What the Blue/Green page, the approval page and the job box show of configuration drift and the idle standby. */
class ConfigDriftViewTest {

    private static final Instant T0 = Instant.parse("2026-11-22T06:00:00Z");
    private static final ConfigDrift DRIFT = new ConfigDrift(Color.BLUE, Color.GREEN, 40, List.of(
            new KeyDrift("db.password", Difference.CHANGED, true, "leaked?", "leaked!"),
            new KeyDrift("features.checkout", Difference.CHANGED, false, "v1", "v2"),
            new KeyDrift("legacy", Difference.ONLY_ON_LIVE, false, "yes", null)));

    /** BLUE 1.0 live since an hour before T0; GREEN 2.0 deployed and verified with drift. */
    private static ServiceState greenVerifiedWithDrift() {
        ServiceState state = StateMachine.adopted(ServiceState.initial("shop"), Color.BLUE, "1.0", "ops", T0.minusSeconds(3600), "router");
        state = StateMachine.startDeploy(state, Color.GREEN, "2.0", List.of("http://127.0.0.1:9002"), "ops", T0);
        state = StateMachine.finishDeploy(state, Color.GREEN, "ops", T0);
        VerificationReport report = VerificationReport.of(Color.GREEN, "2.0", "http://127.0.0.1:9002",
                List.of(new CheckResult("http GET /health", Outcome.SUCCESSFUL, "ok", 1, 3)), T0)
                .withConfigComparison(new CheckResult("configuration drift vs live BLUE", Outcome.INCONCLUSIVE, "3 keys differ", 2, 5), DRIFT);
        return StateMachine.recordVerification(state, report, "ops", T0);
    }

    @Test
    void theDriftIsATableWithBothValuesAndNoSecretValue() {
        ConfigDriftView table = ServiceView.of(greenVerifiedWithDrift(), Optional.of(Color.BLUE), null).configDrift();

        assertThat(table.shown()).isTrue();
        assertThat(table.title()).isEqualTo("GREEN differs from live BLUE in 3 of 40 keys");
        assertThat(table.liveHeading()).isEqualTo("BLUE (live)");
        assertThat(table.idleHeading()).isEqualTo("GREEN");
        assertThat(table.rows()).containsExactly(
                new ConfigDriftView.Row("db.password", "(secret, differs; not shown)", "(secret, differs; not shown)", "changed"),
                new ConfigDriftView.Row("features.checkout", "v1", "v2", "changed"),
                new ConfigDriftView.Row("legacy", "yes", "(missing)", "only on live"));
        assertThat(table.toString()).doesNotContain("leaked");
    }

    @Test
    void withoutDriftNothingIsShown() {
        assertThat(ServiceView.of(ServiceState.initial("shop"), Optional.empty(), null).configDrift().shown()).isFalse();
        assertThat(ConfigDriftView.of(new ConfigDrift(Color.BLUE, Color.GREEN, 40, List.of())).shown()).isFalse();
    }

    @Test
    void theStandbyLineSaysHowLongItWasKeptAndWhenRetireIsDue() {
        ServiceState state = StateMachine.switched(StateMachine.acceptedAtApproval(greenVerifiedWithDrift(), Color.GREEN, "rm", T0),
                Color.GREEN, false, "rm", T0, null);
        IdleCost cost = IdleCost.parse("idleCostPerHour", "1.20 USD");

        ServiceView kept = ServiceView.of(state, Optional.of(Color.GREEN), null,
                IdleStandby.of(state, Duration.ofHours(2), cost, T0.plus(Duration.ofMinutes(90))));
        assertThat(kept.standby()).isEqualTo("BLUE (1.0) standby for 1h 30m; kept until 2026-11-22T08:00:00Z (keep-old window);"
                + " retire is not due yet; idle cost 1.80 USD (1.20 USD/h)");
        assertThat(kept.retireDue()).isFalse();

        ServiceView due = ServiceView.of(state, Optional.of(Color.GREEN), null,
                IdleStandby.of(state, Duration.ofHours(2), null, T0.plus(Duration.ofHours(3))));
        assertThat(due.standby()).isEqualTo("BLUE (1.0) standby for 3h; keep-old window ended 2026-11-22T08:00:00Z: retire is due"
                + " (run 'retire')");
        assertThat(due.retireDue()).isTrue();
        assertThat(ServiceView.of(state, Optional.of(Color.GREEN), null).standby()).as("no settings, no line").isEmpty();
    }
}
