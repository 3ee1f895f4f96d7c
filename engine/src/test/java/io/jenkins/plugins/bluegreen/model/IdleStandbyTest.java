package io.jenkins.plugins.bluegreen.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class IdleStandbyTest {

    private static final Instant T0 = Instant.parse("2026-11-22T06:00:00Z");

    /** BLUE 1.0 live, then GREEN 2.0 switched live at T0, so BLUE has been idle since T0. */
    private static ServiceState greenLiveSinceT0() {
        ServiceState state = ServiceState.initial("shop");
        state = StateMachine.adopted(state, Color.BLUE, "1.0", "ops", T0.minusSeconds(7200), "the router serves BLUE");
        state = StateMachine.startDeploy(state, Color.GREEN, "2.0", List.of(), "ops", T0.minusSeconds(600));
        state = StateMachine.finishDeploy(state, Color.GREEN, "ops", T0.minusSeconds(500));
        state = StateMachine.recordVerification(state, VerificationReport.of(Color.GREEN, "2.0", "http://green",
                List.of(new CheckResult("http GET /health", Outcome.SUCCESSFUL, "ok", 1, 1)), T0.minusSeconds(400)), "ops",
                T0.minusSeconds(400));
        return StateMachine.switched(state, Color.GREEN, false, "ops", T0, null);
    }

    @Test
    void theStandbyIsIdleSinceTrafficLeftItAndRetireIsDueAfterTheKeepOldWindow() {
        ServiceState state = greenLiveSinceT0();
        IdleCost cost = IdleCost.parse("idleCostPerHour", "2.50 EUR");

        IdleStandby early = IdleStandby.of(state, Duration.ofHours(1), cost, T0.plus(Duration.ofMinutes(30))).orElseThrow();
        assertThat(early.since()).isEqualTo(T0);
        assertThat(early.retireDue()).isFalse();
        assertThat(early.cost()).isEqualByComparingTo("1.25");
        assertThat(early.describe()).isEqualTo("BLUE (1.0) standby for 30m; kept until 2026-11-22T07:00:00Z (keep-old window);"
                + " retire is not due yet; idle cost 1.25 EUR (2.50 EUR/h)");

        IdleStandby late = IdleStandby.of(state, Duration.ofHours(1), null, T0.plus(Duration.ofMinutes(125))).orElseThrow();
        assertThat(late.retireDue()).isTrue();
        assertThat(late.describe()).isEqualTo("BLUE (1.0) standby for 2h 5m; keep-old window ended 2026-11-22T07:00:00Z:"
                + " retire is due (run 'retire')");
    }

    @Test
    void thereIsNoIdleStandbyBeforeASwitchOrAfterRetirement() {
        assertThat(IdleStandby.of(ServiceState.initial("shop"), Duration.ZERO, null, T0)).isEmpty();
        ServiceState retired = StateMachine.retired(greenLiveSinceT0(), "ops", T0.plusSeconds(60));
        assertThat(IdleStandby.of(retired, Duration.ZERO, null, T0.plusSeconds(120))).isEmpty();
    }

    @Test
    void anIdleCostIsANumberAndACurrency() {
        assertThat(IdleCost.parse("idleCostPerHour", " ")).isNull();
        assertThat(IdleCost.parse("idleCostPerHour", "0.8 usd").accrued(Duration.ofMinutes(90))).isEqualTo(new BigDecimal("1.20"));
        assertThat(IdleCost.parse("idleCostPerHour", "100 JPY").format(new BigDecimal("150"))).isEqualTo("150 JPY");
        assertThatThrownBy(() -> IdleCost.parse("idleCostPerHour", "2.50")).isInstanceOf(BadInputException.class)
                .hasMessage("idleCostPerHour: '2.50' is not a cost per hour; write a number and a currency, e.g. '2.50 EUR' or '0.8 USD'");
        assertThatThrownBy(() -> IdleCost.parse("idleCostPerHour", "2 EUX"))
                .hasMessage("idleCostPerHour: 'EUX' is not an ISO 4217 currency code; use e.g. EUR, USD or GBP");
    }

    @Test
    void durationsForPeopleShowTheirTwoLargestUnits() {
        assertThat(Durations.describe(Duration.ofSeconds(12))).isEqualTo("12s");
        assertThat(Durations.describe(Duration.ofSeconds(192))).isEqualTo("3m 12s");
        assertThat(Durations.describe(Duration.ofMinutes(120))).isEqualTo("2h");
        assertThat(Durations.describe(Duration.ofHours(26).plusMinutes(5))).isEqualTo("1d 2h");
    }
}
