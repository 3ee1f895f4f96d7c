package io.jenkins.plugins.bluegreen.drivers.caddy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.jenkins.plugins.bluegreen.drivers.DriverTypes;
import io.jenkins.plugins.bluegreen.model.BadInputException;
import org.junit.jupiter.api.Test;

class CaddyDriverConfigTest {

    @Test
    void readsASpecDriverBlockWithDefaults() throws Exception {
        CaddyDriverConfig config = new ObjectMapper().readValue("{\"type\":\"caddy\",\"proxyId\":\"shop\","
                + "\"blueDial\":\"127.0.0.1:9001\",\"greenDial\":\"127.0.0.1:9002\"}", CaddyDriverConfig.class);

        assertThat(config.adminUrl()).isEqualTo("http://127.0.0.1:2019");
        assertThat(config.timeout()).isEqualTo("5s");
        assertThat(DriverTypes.all()).containsEntry("caddy", CaddyDriverConfig.class);
    }

    @Test
    void badInputNamesTheField() {
        assertThatThrownBy(() -> new CaddyDriverConfig("nope", "shop", "127.0.0.1:1", "127.0.0.1:2", null))
                .isInstanceOf(BadInputException.class).hasMessageStartingWith("caddy.adminUrl:");
        assertThatThrownBy(() -> new CaddyDriverConfig(null, null, "127.0.0.1:1", "127.0.0.1:2", null)).hasMessageStartingWith("caddy.proxyId:");
        assertThatThrownBy(() -> new CaddyDriverConfig(null, "a/b", "127.0.0.1:1", "127.0.0.1:2", null)).hasMessageStartingWith("caddy.proxyId:");
        // Caddy accepts a dial without a port and then answers 502
        assertThatThrownBy(() -> new CaddyDriverConfig(null, "shop", "127.0.0.1", "127.0.0.1:2", null)).hasMessageStartingWith("caddy.blueDial:");
        assertThatThrownBy(() -> new CaddyDriverConfig(null, "shop", "127.0.0.1:1", "127.0.0.1:1", null)).hasMessageStartingWith("caddy.greenDial:");
        assertThatThrownBy(() -> new CaddyDriverConfig(null, "shop", "127.0.0.1:1", "127.0.0.1:2", "5 minutes")).hasMessageStartingWith("caddy.timeout:");
    }
}
