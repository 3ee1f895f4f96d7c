package io.jenkins.plugins.bluegreen.drivers.fleet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.bluegreen.driver.DriverException;
import io.jenkins.plugins.bluegreen.driver.FaultInjectingDriver;
import io.jenkins.plugins.bluegreen.driver.FaultInjectingDriver.Fault;
import io.jenkins.plugins.bluegreen.driver.OutcomeUnknownException;
import io.jenkins.plugins.bluegreen.drivers.fleet.FleetDriver.Member;
import io.jenkins.plugins.bluegreen.model.Color;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The fleet's all-or-nothing rules over in-memory stand-in routers; the real routers are in FleetDriverRouterTest. */
class FleetDriverWithFaultInjectingRoutersTest {

    private final FaultInjectingDriver lb1 = new FaultInjectingDriver(Color.BLUE);
    private final FaultInjectingDriver lb2 = new FaultInjectingDriver(Color.BLUE);
    private final FaultInjectingDriver lb3 = new FaultInjectingDriver(Color.BLUE);
    private final FleetDriver fleet = new FleetDriver(List.of(new Member("lb1", lb1), new Member("lb2", lb2), new Member("lb3", lb3)),
            Duration.ofMillis(200));

    @Test
    void servesAColourOnlyWhenEveryRouterDoes() {
        assertThat(fleet.observeLive()).contains(Color.BLUE);
        lb2.forceLive(Color.GREEN);
        assertThat(fleet.observeLive()).isEmpty();
        assertThat(fleet.serverAnswers()).extracting(a -> a.describe())
                .containsExactly("lb1: BLUE (fault-injecting)", "lb2: GREEN (fault-injecting)", "lb3: BLUE (fault-injecting)");
    }

    @Test
    void isHealthyOnlyWhenEveryRouterIsAndNamesTheOneThatIsNot() {
        assertThat(fleet.health().healthy()).isTrue();
        lb3.fault(Fault.DOWN);
        assertThat(fleet.health().healthy()).isFalse();
        assertThat(fleet.health().detail()).isEqualTo("lb3 is not healthy (fault-injecting router: connection refused); 2 of 3 routers healthy");
        assertThatThrownBy(fleet::observeLive).isInstanceOf(DriverException.class).hasMessageStartingWith("fleet of 3 routers: lb3 cannot be read");
    }

    @Test
    void switchesEveryRouter() {
        fleet.switchTo(Color.GREEN);
        assertThat(List.of(lb1.served(), lb2.served(), lb3.served())).containsOnly(Color.GREEN);
    }

    @Test
    void aRouterThatAcceptsTheSwitchButKeepsServingTheOldColourPutsEveryRouterBack() {
        lb2.fault(Fault.IGNORE_SWITCH);

        assertThatThrownBy(() -> fleet.switchTo(Color.GREEN)).isInstanceOf(DriverException.class)
                .isNotInstanceOf(OutcomeUnknownException.class)
                .hasMessageContaining("did not take on lb2")
                .hasMessageContaining("lb2: accepted the switch to GREEN but reads back BLUE")
                .hasMessageContaining("lb1: switched to GREEN; back on BLUE, confirmed");
        assertThat(List.of(lb1.served(), lb2.served(), lb3.served())).containsOnly(Color.BLUE);
    }

    @Test
    void aRouterThatCannotBePutBackMakesTheOutcomeUnknownAndNamesIt() {
        FaultInjectingDriver stuck = new FaultInjectingDriver(Color.BLUE) {
            @Override
            public void switchTo(Color color) {
                super.switchTo(color);
                fault(Fault.DOWN); // gone right after applying the switch
            }
        };
        FleetDriver withStuck = new FleetDriver(List.of(new Member("lb1", lb1), new Member("stuck", stuck)), Duration.ofMillis(200));
        lb1.fault(Fault.DOWN);

        assertThatThrownBy(() -> withStuck.switchTo(Color.GREEN)).isInstanceOf(OutcomeUnknownException.class)
                .hasMessageContaining("did not take on lb1, stuck")
                .hasMessageContaining("stuck: accepted the switch to GREEN but cannot be read")
                .hasMessageContaining("What lb1, stuck serve is unknown");
        assertThat(stuck.served()).as("the truth the record must not claim").isEqualTo(Color.GREEN);
    }
}
