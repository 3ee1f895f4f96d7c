package io.jenkins.plugins.bluegreen.drivers.haproxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.jenkins.plugins.bluegreen.drivers.DriverTypes;
import io.jenkins.plugins.bluegreen.model.BadInputException;
import io.jenkins.plugins.bluegreen.model.Color;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class HaproxyDriverConfigTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void readsASpecDriverBlockWithDefaults() throws Exception {
        HaproxyDriverConfig config = JSON.readValue("{\"type\":\"haproxy\",\"socket\":\"127.0.0.1:9999\",\"backend\":\"be_app\"}",
                HaproxyDriverConfig.class);

        assertThat(config.mode()).isEqualTo("server-state");
        assertThat(config.server(Color.BLUE)).isEqualTo("blue");
        assertThat(config.server(Color.GREEN)).isEqualTo("green");
        assertThat(config.timeoutDuration()).isEqualTo(Duration.ofSeconds(5));
        assertThat(DriverTypes.all()).containsEntry("haproxy", HaproxyDriverConfig.class);
        assertThat(JSON.readValue(JSON.writeValueAsString(config), HaproxyDriverConfig.class)).isEqualTo(config);
    }

    @Test
    void serverStateSwitchPutsTheNewServerReadyBeforeTheOldOneInOneWrite() {
        HaproxyDriver driver = new HaproxyDriver(HaproxyDriverConfig.serverState("/run/haproxy.sock", "be_app"));

        assertThat(driver.switchCommands(Color.GREEN)).isEqualTo("set server be_app/green state ready; set server be_app/blue state maint");
        assertThat(driver.switchCommands(Color.BLUE)).isEqualTo("set server be_app/blue state ready; set server be_app/green state maint");
    }

    @Test
    void weightsAndMapModesSendTheirCommands() {
        HaproxyDriver weights = new HaproxyDriver(new HaproxyDriverConfig("127.0.0.1:1", "weights", "be", "b", "g", false,
                null, null, null, null, null, null, null));
        HaproxyDriver map = new HaproxyDriver(new HaproxyDriverConfig("127.0.0.1:1", "map", null, null, null, false,
                "/etc/haproxy/app.map", "shop.example", "be_blue", "be_green", null, null, null));

        assertThat(weights.switchCommands(Color.GREEN)).isEqualTo("set weight be/g 100; set weight be/b 0");
        assertThat(map.switchCommands(Color.GREEN)).isEqualTo("set map /etc/haproxy/app.map shop.example be_green");
    }

    @Test
    void aUnixSocketFilesWrittenAfterASwitchOrALocalAddressTouchTheLocalHost() {
        assertThat(HaproxyDriverConfig.serverState("192.0.2.10:9999", "be_app").touchesLocalHost()).isFalse();
        assertThat(HaproxyDriverConfig.serverState("127.0.0.1:9999", "be_app").touchesLocalHost()).isTrue();
        assertThat(HaproxyDriverConfig.serverState("192.0.2.10:9999", "be_app").controlHosts()).containsExactly("192.0.2.10");
        assertThat(HaproxyDriverConfig.serverState("/run/haproxy.sock", "be_app").touchesLocalHost()).isTrue();
        assertThat(new HaproxyDriverConfig("127.0.0.1:1", "weights", "be", "b", "g", false, null, null, null, null, null,
                "/var/lib/haproxy/state", null).touchesLocalHost()).isTrue();
    }

    @Test
    void badInputNamesTheField() {
        assertThatThrownBy(() -> HaproxyDriverConfig.serverState(null, "be")).isInstanceOf(BadInputException.class)
                .hasMessageStartingWith("haproxy.socket:");
        assertThatThrownBy(() -> HaproxyDriverConfig.serverState("localhost", "be")).hasMessageStartingWith("haproxy.socket:");
        // a ';' would smuggle a second Runtime API command into the switch
        assertThatThrownBy(() -> HaproxyDriverConfig.serverState("127.0.0.1:1", "be; shutdown sessions server be/blue"))
                .hasMessageStartingWith("haproxy.backend:");
        assertThatThrownBy(() -> new HaproxyDriverConfig("127.0.0.1:1", "dns", null, null, null, false, null, null, null, null,
                null, null, null)).hasMessageStartingWith("haproxy.mode:");
        assertThatThrownBy(() -> new HaproxyDriverConfig("127.0.0.1:1", "map", null, null, null, false, "/m.map", "k", "be", "be",
                null, null, null)).hasMessageStartingWith("haproxy.greenBackend:");
        assertThatThrownBy(() -> new HaproxyDriverConfig("127.0.0.1:1", "map", null, null, null, true, "/m.map", "k", "a", "b",
                null, null, null)).hasMessageStartingWith("haproxy.drain:");
        assertThatThrownBy(() -> new HaproxyDriverConfig("127.0.0.1:1", null, "be", null, null, false, null, null, null, null,
                null, "relative/state", null)).hasMessageStartingWith("haproxy.serverStateFile:");
        assertThatThrownBy(() -> new HaproxyDriverConfig("127.0.0.1:1", null, "be", null, null, false, null, null, null, null,
                null, null, "soon")).hasMessageStartingWith("haproxy.timeout:");
    }
}
