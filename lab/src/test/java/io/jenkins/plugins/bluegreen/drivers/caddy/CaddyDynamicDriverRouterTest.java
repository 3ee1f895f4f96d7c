package io.jenkins.plugins.bluegreen.drivers.caddy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.bluegreen.driver.DriverException;
import io.jenkins.plugins.bluegreen.lab.CaddyLab;
import io.jenkins.plugins.bluegreen.lab.DnsLab;
import io.jenkins.plugins.bluegreen.lab.LabRouter;
import io.jenkins.plugins.bluegreen.lab.ReleaseScenario;
import io.jenkins.plugins.bluegreen.lab.RouterDriverContract;
import io.jenkins.plugins.bluegreen.lab.TestPrerequisites;
import io.jenkins.plugins.bluegreen.model.Color;
import io.jenkins.plugins.bluegreen.release.BlueGreenEngine.SwitchOptions;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.Test;

/**
 * The Caddy driver's dynamic mode against a real Caddy whose {@code dynamic_upstreams} resolve a record on a real BIND
 * primary: the switch is a DNS update, Caddy's config never changes, so no request fails under keep-alive load.
 */
class CaddyDynamicDriverRouterTest extends RouterDriverContract {

    private DnsLab dns;

    CaddyDynamicDriverRouterTest() {
        super("caddy", null, true); // launch() below starts the router, keeping a handle on its DNS server
    }

    @Override
    protected LabRouter launch(String blueUrl, String greenUrl) {
        dns = DnsLab.start(List.of(CaddyLab.BLUE_ADDRESS), Duration.ofSeconds(1), new DnsLab.Servers(false, false));
        try {
            return CaddyLab.startDynamic(blueUrl, greenUrl, dns, dns);
        } catch (RuntimeException e) {
            dns.close();
            throw e;
        }
    }

    @Override
    protected void requirePrerequisites() {
        super.requirePrerequisites();
        TestPrerequisites.requireProgram("named", "bind9");
    }

    private CaddyDriverConfig config() {
        return (CaddyDriverConfig) router.driverConfig();
    }

    @Test
    void dnsPrimaryDownIsRefusedAndNothingChanged() {
        dns.stopPrimary();

        assertThatThrownBy(() -> scenario.engine.switchTraffic(def, SwitchOptions.unattended(ReleaseScenario.ACTOR)))
                .isInstanceOf(DriverException.class)
                .hasMessageContaining("not healthy")
                .hasMessageContaining("dns primary " + dns.primary())
                .hasMessageContaining("nothing was changed");
        assertThat(scenario.state().live()).isEqualTo(Color.BLUE);
    }

    /**
     * Pins the mode's operational cost, documented in docs/drivers/caddy.md: Caddy 2.6 keeps no stale answer when its
     * resolver stops answering; once {@code refresh} has passed, every request fails with 503.
     */
    @Test
    void caddyServesNothingWhileItsDnsServerIsDown() throws IOException {
        dns.stopPrimary();
        pause(200);

        try (Response response = scenario.http.newCall(new Request.Builder().url(router.publicUrl()).build()).execute()) {
            assertThat(response.code()).isEqualTo(503);
        }
    }

    @Test
    void recordThatCaddyCannotServeIsNotConfirmed() {
        // Green's address in the record has nothing listening: the DNS answer says green, Caddy answers 502 without a
        // colour, so the read-back waits out refreshWait and does not confirm.
        CaddyDriverConfig c = config();
        CaddyDriverConfig nothingThere = CaddyDriverConfig.dynamic(dns.driverConfig(List.of(CaddyLab.BLUE_ADDRESS), List.of("127.0.0.4"),
                DnsLab.UPDATE_KEY, "1s"), c.probeUrl(), null, "1s", null);

        assertSwitchNotConfirmed(def.withDriver(nothingThere.create(scenario.http, router.secrets())), "GREEN");
    }
}
