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

    private static final String DNS = "{\"zone\":\"example.com\",\"record\":\"shop\",\"blue\":[\"127.0.0.2\"],\"green\":[\"127.0.0.3\"],"
            + "\"primary\":\"127.0.0.1:5353\",\"tsigKey\":\"bluegreen-update\",\"tsigSecretRef\":\"env:TSIG\"}";

    @Test
    void readsTheDynamicModeWithTheDnsDriversSettings() throws Exception {
        CaddyDriverConfig config = new ObjectMapper().readValue("{\"type\":\"caddy\",\"mode\":\"dynamic\","
                + "\"probeUrl\":\"https://shop.example.com/\",\"dns\":" + DNS + "}", CaddyDriverConfig.class);

        assertThat(config.isDynamic()).isTrue();
        assertThat(config.dns().record()).isEqualTo("shop.example.com.");
        assertThat(config.markerHeader()).isEqualTo("X-Color");
        assertThat(config.refreshWait()).isEqualTo("5s");
        assertThat(config.controlHosts()).containsExactly("127.0.0.1", "shop.example.com");
        assertThat(new ObjectMapper().readValue("{\"proxyId\":\"shop\",\"blueDial\":\"127.0.0.1:1\",\"greenDial\":\"127.0.0.1:2\"}",
                CaddyDriverConfig.class).mode()).isEqualTo("admin");
    }

    @Test
    void badDynamicSettingsNameTheField() {
        ObjectMapper json = new ObjectMapper();
        assertThatThrownBy(() -> json.readValue("{\"mode\":\"dns\"}", CaddyDriverConfig.class))
                .hasRootCauseInstanceOf(BadInputException.class).hasRootCauseMessage(
                        "caddy.mode: 'dns' is not a mode; use 'admin' (PATCH through the admin API, which reloads Caddy's config)"
                        + " or 'dynamic' (a DNS record behind dynamic_upstreams, see docs/drivers/caddy.md)");
        assertThatThrownBy(() -> json.readValue("{\"mode\":\"dynamic\",\"probeUrl\":\"http://127.0.0.1:8080/\"}", CaddyDriverConfig.class))
                .rootCause().hasMessageStartingWith("caddy.dns: missing");
        assertThatThrownBy(() -> json.readValue("{\"mode\":\"dynamic\",\"dns\":" + DNS + "}", CaddyDriverConfig.class))
                .rootCause().hasMessageStartingWith("caddy.probeUrl: missing");
        assertThatThrownBy(() -> json.readValue("{\"mode\":\"dynamic\",\"probeUrl\":\"shop\",\"dns\":" + DNS + "}", CaddyDriverConfig.class))
                .rootCause().hasMessageStartingWith("caddy.probeUrl:");
        assertThatThrownBy(() -> json.readValue("{\"mode\":\"dynamic\",\"probeUrl\":\"http://127.0.0.1:8080/\",\"refreshWait\":\"soon\",\"dns\":"
                + DNS + "}", CaddyDriverConfig.class)).rootCause().hasMessageStartingWith("caddy.refreshWait:");
        assertThatThrownBy(() -> json.readValue("{\"mode\":\"dynamic\",\"probeUrl\":\"http://127.0.0.1:8080/\",\"blueDial\":\"127.0.0.2:80\","
                + "\"dns\":" + DNS + "}", CaddyDriverConfig.class)).rootCause().hasMessageStartingWith("caddy.blueDial: is used only with mode 'admin'");
        assertThatThrownBy(() -> json.readValue("{\"proxyId\":\"shop\",\"blueDial\":\"127.0.0.1:1\",\"greenDial\":\"127.0.0.1:2\",\"dns\":" + DNS + "}",
                CaddyDriverConfig.class)).rootCause().hasMessage("caddy.dns: is used only with mode 'dynamic'; set mode: dynamic, or remove it");
        assertThatThrownBy(() -> json.readValue("{\"mode\":\"dynamic\",\"probeUrl\":\"http://127.0.0.1:8080/\",\"dns\":"
                + DNS.replace("bluegreen-update", ""), CaddyDriverConfig.class)).rootCause().hasMessageStartingWith("dns.tsigKey: missing");
    }
}
