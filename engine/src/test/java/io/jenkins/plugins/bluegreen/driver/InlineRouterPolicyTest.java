package io.jenkins.plugins.bluegreen.driver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.bluegreen.drivers.caddy.CaddyDriverConfig;
import io.jenkins.plugins.bluegreen.drivers.haproxy.HaproxyDriverConfig;
import io.jenkins.plugins.bluegreen.drivers.http.HttpDriverConfig;
import io.jenkins.plugins.bluegreen.drivers.http.HttpDriverConfig.RequestTemplate;
import io.jenkins.plugins.bluegreen.model.BadInputException;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What a router given in a Pipeline may reach, decided from its settings alone. */
class InlineRouterPolicyTest {

    private static final String WHERE = "Manage Jenkins > System";
    private final InlineRouterPolicy policy = new InlineRouterPolicy(
            HostAllowList.parse("inlineHosts", "lb.example.com, *.routers.example.com\n192.0.2.10 [2001:db8::7]"), false, WHERE);

    @Test
    void routersOnTheLocalMachineTouchItWhateverTheirSettings() {
        assertThat(HaproxyDriverConfig.serverState("127.0.0.1:9999", "be_app").touchesLocalHost()).isTrue();
        assertThat(HaproxyDriverConfig.serverState("localhost:9999", "be_app").touchesLocalHost()).isTrue();
        assertThat(HaproxyDriverConfig.serverState("192.0.2.10:9999", "be_app").touchesLocalHost()).isFalse();
        assertThat(caddy("http://127.0.0.1:2019").touchesLocalHost()).as("Caddy's default admin address").isTrue();
        assertThat(caddy(null).touchesLocalHost()).isTrue();
        assertThat(caddy("http://[::1]:2019").touchesLocalHost()).isTrue();
        assertThat(http("http://169.254.169.254/latest/meta-data/${color}", "http://192.0.2.10/").touchesLocalHost()).isTrue();
        assertThat(http("http://192.0.2.10/${color}", "http://192.0.2.10/").touchesLocalHost()).isFalse();
    }

    @Test
    void onlyAllowedHostsMayBeReached() {
        policy.check("target", HaproxyDriverConfig.serverState("192.0.2.10:9999", "be_app"), "shop");
        policy.check("target", caddy("https://edge-1.routers.example.com:2019"), "shop");
        policy.check("target", http("https://LB.example.com/${color}", "https://[2001:db8::7]/live"), "shop");

        assertThatThrownBy(() -> policy.check("target", http("https://lb.example.com/${color}", "https://evil.example.org/"), "shop"))
                .isInstanceOf(BadInputException.class)
                .hasMessageContaining("'evil.example.org' is not among the hosts")
                .hasMessageContaining("'Hosts inline routers may reach' (" + WHERE + ")");
        assertThatThrownBy(() -> policy.check("target", caddy("https://routers.example.com"), "shop"))
                .as("*.domain covers names under the domain, not the domain").isInstanceOf(BadInputException.class);
        assertThatThrownBy(() -> new InlineRouterPolicy(HostAllowList.parse("h", ""), false, WHERE)
                .check("target", HaproxyDriverConfig.serverState("192.0.2.10:9999", "be_app"), "shop"))
                .as("an empty list allows none").isInstanceOf(BadInputException.class);
    }

    @Test
    void localRoutersAreRefusedEvenWhenListed() {
        InlineRouterPolicy listsLoopback = new InlineRouterPolicy(HostAllowList.parse("h", "127.0.0.1 localhost"), true, WHERE);

        assertThatThrownBy(() -> listsLoopback.check("target", HaproxyDriverConfig.serverState("127.0.0.1:9999", "be_app"), "shop"))
                .isInstanceOf(BadInputException.class).hasMessageContaining("only an administrator may configure it, for shop");
    }

    @Test
    void requestsOfTheirOwnMakingNeedTheSetting() {
        HttpDriverConfig shaped = new HttpDriverConfig(new RequestTemplate("DELETE", "https://lb.example.com/${color}",
                Map.of("X-Admin", "yes"), null), new RequestTemplate(null, "https://lb.example.com/", null, null), "/live",
                null, null, null, null);

        assertThat(shaped.customisesRequests()).isTrue();
        assertThat(http("https://lb.example.com/${color}", "https://lb.example.com/").customisesRequests()).isFalse();
        assertThatThrownBy(() -> policy.check("target", shaped, "shop")).isInstanceOf(BadInputException.class)
                .hasMessageContaining("'Inline routers may shape their requests'");
        new InlineRouterPolicy(policy.hosts(), true, WHERE).check("target", shaped, "shop");
    }

    @Test
    void badEntriesNameTheSetting() {
        assertThatThrownBy(() -> HostAllowList.parse("inlineHosts", "https://lb.example.com/"))
                .isInstanceOf(BadInputException.class).hasMessageContaining("inlineHosts: 'https://lb.example.com/' is not a host");
    }

    private static CaddyDriverConfig caddy(String adminUrl) {
        return new CaddyDriverConfig(adminUrl, "shop", "10.0.0.5:8080", "10.0.0.6:8080", null);
    }

    private static HttpDriverConfig http(String switchUrl, String observeUrl) {
        return new HttpDriverConfig(new RequestTemplate(null, switchUrl, null, null), new RequestTemplate(null, observeUrl, null, null),
                "/live", null, null, null, null);
    }
}
