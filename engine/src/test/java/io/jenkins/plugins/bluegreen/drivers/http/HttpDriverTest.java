package io.jenkins.plugins.bluegreen.drivers.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.bluegreen.driver.DriverException;
import io.jenkins.plugins.bluegreen.driver.SecretSource;
import io.jenkins.plugins.bluegreen.driver.TrafficDriver;
import io.jenkins.plugins.bluegreen.drivers.http.HttpDriverConfig.Credentials;
import io.jenkins.plugins.bluegreen.drivers.http.HttpDriverConfig.RequestTemplate;
import io.jenkins.plugins.bluegreen.model.Color;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Against a real HTTP server on 127.0.0.1 that holds the live colour, see {@link ColorApiServer}. */
class HttpDriverTest {

    static final String TOKEN = "lb-SECRET-91c2e7";
    static final SecretSource SECRETS = (field, reference) -> switch (reference) {
        case "env:LB_TOKEN" -> TOKEN;
        case "env:WRONG_TOKEN" -> "lb-SECRET-wrong-55d1";
        default -> throw new AssertionError("unexpected reference " + reference + " in " + field);
    };

    ColorApiServer server;

    @BeforeEach
    void start() throws Exception {
        server = new ColorApiServer();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void switchesWithAJsonBodyAndBearerTokenThenReadsBackThroughAJsonPointer() {
        server.requireAuthorization("Bearer " + TOKEN);
        TrafficDriver driver = jsonApi(bearer("env:LB_TOKEN"), "10s");

        driver.switchTo(Color.GREEN);

        assertThat(server.live()).isEqualTo("green");
        assertThat(server.lastRequest()).isEqualTo("POST /api/upstream?pool=shop authorization=Bearer " + TOKEN
                + " x-api-key=null x-reason=null content-type=application/json body={\"color\":\"green\",\"drain\":true}");
        assertThat(driver.observeLive()).contains(Color.GREEN);
        driver.switchTo(Color.BLUE);
        assertThat(driver.observeLive()).contains(Color.BLUE);
    }

    @Test
    void switchesWithTheColourInTheUrlAndBasicAuthThenReadsBackThroughARegex() {
        String basic = "Basic " + Base64.getEncoder().encodeToString(("deployer:" + TOKEN).getBytes(StandardCharsets.UTF_8));
        server.requireAuthorization(basic);
        TrafficDriver driver = new HttpDriverConfig(
                new RequestTemplate("put", server.url("/api/pools/${color}/activate"), Map.of("X-Reason", "bluegreen ${color}"), null),
                new RequestTemplate(null, server.url("/api/status"), null, null),
                null, "live=(\\w+)", null,
                new Credentials(null, "deployer", "env:LB_TOKEN", null, null), null).create(new OkHttpClient(), SECRETS);

        driver.switchTo(Color.GREEN);

        assertThat(server.live()).isEqualTo("green");
        assertThat(server.lastRequest()).startsWith("PUT /api/pools/green/activate authorization=" + basic
                + " x-api-key=null x-reason=bluegreen green");
        assertThat(driver.observeLive()).contains(Color.GREEN);
        assertThat(driver.health().healthy()).isTrue();
    }

    @Test
    void anApiKeyHeaderCanCarryTheCredential() {
        server.requireAuthorization("X-Api-Key " + TOKEN);
        TrafficDriver driver = jsonApi(new Credentials(null, null, null, "X-Api-Key", "env:LB_TOKEN"), "10s");

        driver.switchTo(Color.GREEN);

        assertThat(server.live()).isEqualTo("green");
    }

    @Test
    void aResponseNamingNeitherColourReadsAsUnknown() {
        server.setLive("canary");

        assertThat(jsonApi(null, "10s").observeLive()).isEmpty();
    }

    @Test
    void refusedCredentialsAreReportedWithoutTheSecretEvenWhenTheServerEchoesIt() {
        server.requireAuthorization("Bearer " + TOKEN);
        TrafficDriver driver = jsonApi(bearer("env:WRONG_TOKEN"), "10s");

        assertThatThrownBy(() -> driver.switchTo(Color.GREEN))
                .isInstanceOf(DriverException.class)
                .hasMessageContaining("http router (POST " + server.url("/api/upstream?pool=shop") + "): switch to green")
                .hasMessageContaining("HTTP 401")
                .hasMessageContaining("unauthorized: 'Bearer ****'")
                .hasMessageContaining("check http.credentials")
                .message().doesNotContain("lb-SECRET");
        assertThat(server.live()).isEqualTo("blue");
        assertThat(driver.health().healthy()).isFalse();
        assertThat(driver.health().detail()).contains("HTTP 401").doesNotContain("lb-SECRET");
    }

    @Test
    void aServerErrorIsReportedWithTheStartOfItsBody() {
        TrafficDriver driver = driver(server.url("/api/broken"), server.url("/api/upstream"), bearer("env:LB_TOKEN"), null);

        assertThatThrownBy(() -> driver.switchTo(Color.GREEN))
                .isInstanceOf(DriverException.class)
                .hasMessageContaining("HTTP 500 (upstream pool 'shop' is locked by another operation)")
                .hasMessageContaining("check the router's health")
                .message().doesNotContain(TOKEN);
    }

    @Test
    void aRedirectedSwitchIsNotFollowedButReported() {
        TrafficDriver driver = driver(server.url("/api/moved"), server.url("/api/upstream"), bearer("env:LB_TOKEN"), null);

        assertThatThrownBy(() -> driver.switchTo(Color.GREEN))
                .isInstanceOf(DriverException.class)
                .hasMessageContaining("HTTP 302")
                .hasMessageContaining("redirects to /api/upstream; configure that URL instead");
        assertThat(server.live()).isEqualTo("blue");
    }

    @Test
    void aRouterThatDoesNotAnswerInTimeFailsTheCall() {
        TrafficDriver driver = driver(server.url("/api/slow"), server.url("/api/slow"), bearer("env:LB_TOKEN"), "300ms");

        assertThatThrownBy(() -> driver.switchTo(Color.GREEN))
                .isInstanceOf(DriverException.class)
                .hasMessageContaining("no answer within 300ms")
                .hasMessageContaining("http.timeout")
                .message().doesNotContain(TOKEN);
    }

    @Test
    void anUnreachableRouterIsDownAndItsCallsFail() {
        String address = server.url("/api/upstream");
        server.close();
        TrafficDriver driver = driver(address, address, bearer("env:LB_TOKEN"), "2s");

        assertThat(driver.health().healthy()).isFalse();
        assertThatThrownBy(driver::observeLive)
                .isInstanceOf(DriverException.class)
                .hasMessageContaining("read the live colour failed")
                .hasMessageContaining("reachable from here")
                .message().doesNotContain(TOKEN);
    }

    @Test
    void aNonJsonObserveResponseWithAJsonPointerSaysWhatToChange() {
        TrafficDriver driver = driver(server.url("/api/upstream"), server.url("/api/status"), null, null);

        assertThatThrownBy(driver::observeLive)
                .isInstanceOf(DriverException.class)
                .hasMessageContaining("not JSON")
                .hasMessageContaining("colorRegex");
    }

    TrafficDriver jsonApi(Credentials credentials, String timeout) {
        return driver(server.url("/api/upstream?pool=shop"), server.url("/api/upstream"), credentials, timeout);
    }

    /** POSTs {"color": ...} to switch, GETs JSON with the colour at /upstream/color to observe. */
    static TrafficDriver driver(String switchUrl, String observeUrl, Credentials credentials, String timeout) {
        return new HttpDriverConfig(
                new RequestTemplate(null, switchUrl, null, "{\"color\":\"${color}\",\"drain\":true}"),
                new RequestTemplate(null, observeUrl, null, null),
                "/upstream/color", null, null, credentials, timeout).create(new OkHttpClient(), SECRETS);
    }

    static Credentials bearer(String reference) {
        return new Credentials(reference, null, null, null, null);
    }
}
