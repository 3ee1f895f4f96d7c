package io.jenkins.plugins.bluegreen.drivers.fleet;

import static io.jenkins.plugins.bluegreen.drivers.DriverSpecBlocks.assertRefused;
import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.bluegreen.driver.NoopDriverConfig;
import io.jenkins.plugins.bluegreen.drivers.fleet.FleetDriverConfig.Router;
import io.jenkins.plugins.bluegreen.drivers.haproxy.HaproxyDriverConfig;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class FleetDriverConfigTest {

    private static final HaproxyDriverConfig LB1 = HaproxyDriverConfig.serverState("10.0.0.1:9999", "be_app");
    private static final HaproxyDriverConfig LB2 = HaproxyDriverConfig.serverState("10.0.0.2:9999", "be_app");

    @Test
    void routersWithoutANameAreNamedByTypeAndPosition() {
        FleetDriverConfig fleet = FleetDriverConfig.of(List.of(LB1, LB2));

        assertThat(fleet.routers()).extracting(Router::name).containsExactly("haproxy-1", "haproxy-2");
        assertThat(fleet.confirmDuration()).hasSeconds(2);
        assertThat(fleet.controlHosts()).containsExactly("10.0.0.1", "10.0.0.2");
        assertThat(fleet.touchesLocalHost()).isFalse();
    }

    @Test
    void aRouterOnTheLocalHostMakesTheFleetTouchIt() {
        assertThat(FleetDriverConfig.of(List.of(LB1, HaproxyDriverConfig.serverState("127.0.0.1:9999", "be_app"))).touchesLocalHost()).isTrue();
    }

    @Test
    void badFleetsAreRefusedNamingTheField() {
        assertRefused(() -> new FleetDriverConfig(null, null), "fleet.routers");
        assertRefused(() -> new FleetDriverConfig(List.of(), null), "fleet.routers");
        assertRefused(() -> FleetDriverConfig.of(Collections.nCopies(FleetDriverConfig.MAX_ROUTERS + 1, LB1)), "fleet.routers");
        List<Router> missing = new ArrayList<>();
        missing.add(new Router("lb1", LB1));
        missing.add(new Router("lb2", null));
        assertRefused(() -> new FleetDriverConfig(missing, null), "fleet.routers[1]");
        assertRefused(() -> new FleetDriverConfig(List.of(new Router("lb1", LB1), new Router("lb1", LB2)), null), "fleet.routers[1].name");
        assertRefused(() -> new FleetDriverConfig(List.of(new Router("lb 1; rm", LB1)), null), "fleet.routers[0].name");
        assertRefused(() -> new FleetDriverConfig(List.of(new Router(null, FleetDriverConfig.of(List.of(LB1)))), null),
                "fleet.routers[0].type");
        assertRefused(() -> new FleetDriverConfig(List.of(new Router(null, new NoopDriverConfig(null))), "soon"), "fleet.confirmTimeout");
    }
}
