package io.jenkins.plugins.bluegreen.drivers.haproxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.bluegreen.driver.DriverException;
import io.jenkins.plugins.bluegreen.lab.HaproxyLab;
import io.jenkins.plugins.bluegreen.lab.LabRouter;
import io.jenkins.plugins.bluegreen.lab.RouterDriverContract;
import io.jenkins.plugins.bluegreen.model.Color;
import io.jenkins.plugins.bluegreen.release.BlueGreenEngine.SwitchOptions;
import io.jenkins.plugins.bluegreen.lab.ReleaseScenario;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The HAProxy driver in map mode ({@code set map} + {@code use_backend}) on a unix Runtime API socket. */
class HaproxyMapModeRouterTest extends RouterDriverContract {

    HaproxyMapModeRouterTest() {
        super("haproxy", (blue, green) -> HaproxyLab.start(blue, green, HaproxyDriverConfig.MAP, true), true);
    }

    @Test
    void switchRewritesTheMapFileSoARestartKeepsGreen() throws IOException {
        HaproxyDriverConfig config = (HaproxyDriverConfig) router.driverConfig();
        scenario.engine.switchTraffic(def, SwitchOptions.unattended(ReleaseScenario.ACTOR));
        assertThat(Files.readString(Path.of(config.mapFile()))).isEqualTo("app be_green\n");

        router.restart();
        assertThat(driver.observeLive()).contains(Color.GREEN);
    }

    @Test
    void mapValueNamingAMissingBackendIsRefusedBeforeAnythingChanges() {
        HaproxyDriverConfig c = (HaproxyDriverConfig) router.driverConfig();
        HaproxyDriver typo = new HaproxyDriver(new HaproxyDriverConfig(c.socket(), c.mode(), null, null, null, false, c.map(),
                c.mapKey(), c.blueBackend(), "be_gren", c.mapFile(), null, null));

        assertThatThrownBy(() -> typo.switchTo(Color.GREEN)).isInstanceOf(DriverException.class)
                .hasMessageContaining("backend 'be_gren' does not exist").hasMessageContaining("nothing was changed");
        assertThat(driver.observeLive()).contains(Color.BLUE);
    }
}
