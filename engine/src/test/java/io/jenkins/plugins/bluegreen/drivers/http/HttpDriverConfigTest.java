package io.jenkins.plugins.bluegreen.drivers.http;

import static io.jenkins.plugins.bluegreen.drivers.DriverSpecBlocks.assertRefused;
import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.bluegreen.drivers.http.HttpDriverConfig.Credentials;
import io.jenkins.plugins.bluegreen.drivers.http.HttpDriverConfig.RequestTemplate;
import io.jenkins.plugins.bluegreen.drivers.DriverSpecBlocks;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HttpDriverConfigTest {

    static final String SPEC_EXAMPLE = """
            {
              "type": "http",
              "switchRequest": {
                "method": "POST",
                "url": "https://lb.example.com/api/pools/shop",
                "headers": {"X-Requested-By": "bluegreen"},
                "body": "{\\"active\\": \\"${color}\\"}"
              },
              "observeRequest": {"url": "https://lb.example.com/api/pools/shop"},
              "colorJsonPointer": "/active",
              "credentials": {"bearerTokenRef": "env:LB_TOKEN"},
              "timeout": "5s"
            }""";

    static final RequestTemplate SWITCH = new RequestTemplate(null, "https://lb.example.com/pools/${color}", null, null);
    static final RequestTemplate OBSERVE = new RequestTemplate(null, "https://lb.example.com/pools", null, null);

    @Test
    void theDocumentedSpecBlockDeserialisesThroughTheCatalogue() {
        HttpDriverConfig config = DriverSpecBlocks.parse(SPEC_EXAMPLE, HttpDriverConfig.class);

        assertThat(config.type()).isEqualTo("http");
        assertThat(config.switchRequest().body()).isEqualTo("{\"active\": \"${color}\"}");
        assertThat(config.observeRequest().method()).isEqualTo("GET");
        assertThat(config.observeRequest().headers()).isEmpty();
        assertThat(config.credentials().bearerTokenRef()).isEqualTo("env:LB_TOKEN");
    }

    @Test
    void methodsDefaultByRole() {
        HttpDriverConfig config = new HttpDriverConfig(SWITCH, OBSERVE, "/active", null, null, null, null);

        assertThat(config.switchRequest().method()).isEqualTo("POST");
        assertThat(config.observeRequest().method()).isEqualTo("GET");
        assertThat(config.timeout()).isEqualTo("10s");
    }

    @Test
    void badRequestsAreRefusedNamingTheField() {
        assertRefused(() -> config(null, OBSERVE), "http.switchRequest");
        assertRefused(() -> config(SWITCH, new RequestTemplate(null, "lb.example.com/pools", null, null)), "http.observeRequest.url");
        assertRefused(() -> config(new RequestTemplate("FETCH", SWITCH.url(), null, null), OBSERVE), "http.switchRequest.method");
        assertRefused(() -> config(new RequestTemplate("GET", SWITCH.url(), null, "{}"), OBSERVE), "http.switchRequest.body");
        assertRefused(() -> config(new RequestTemplate(null, SWITCH.url(), null, "${colour}"), OBSERVE), "http.switchRequest.body");
        assertRefused(() -> config(SWITCH, new RequestTemplate(null, "https://lb.example.com/${color}", null, null)),
                "http.observeRequest.url");
        assertRefused(() -> config(new RequestTemplate(null, SWITCH.url(), Map.of("X-Token", "${token}"), null), OBSERVE),
                "http.switchRequest.headers.X-Token");
    }

    @Test
    void exactlyOneWayToReadTheColourAndAValidOne() {
        assertRefused(() -> new HttpDriverConfig(SWITCH, OBSERVE, null, null, null, null, null), "http.colorJsonPointer");
        assertRefused(() -> new HttpDriverConfig(SWITCH, OBSERVE, "/a", "a", null, null, null), "http.colorJsonPointer");
        assertRefused(() -> new HttpDriverConfig(SWITCH, OBSERVE, "active", null, null, null, null), "http.colorJsonPointer");
        assertRefused(() -> new HttpDriverConfig(SWITCH, OBSERVE, null, "live=(", null, null, null), "http.colorRegex");
    }

    @Test
    void credentialsMustBeOneCompleteKind() {
        assertRefused(() -> credentials(new Credentials(null, null, null, null, null)), "http.credentials");
        assertRefused(() -> credentials(new Credentials("env:A", "user", "env:B", null, null)), "http.credentials");
        assertRefused(() -> credentials(new Credentials(null, "user", null, null, null)), "http.credentials.passwordRef");
        assertRefused(() -> credentials(new Credentials(null, null, null, "X-Api-Key", null)), "http.credentials.headerValueRef");
        assertRefused(() -> new HttpDriverConfig(SWITCH, OBSERVE, "/a", null, null, null, "0ms"), "http.timeout");
    }

    static HttpDriverConfig config(RequestTemplate switchRequest, RequestTemplate observeRequest) {
        return new HttpDriverConfig(switchRequest, observeRequest, "/active", null, null, null, null);
    }

    @Test
    void oneSecretIsAPasswordWithAUserNameAKeyWithAHeaderElseABearerToken() {
        assertThat(Credentials.ofOneSecret("lb", "ci", null)).isEqualTo(new Credentials(null, "ci", "lb", null, null));
        assertThat(Credentials.ofOneSecret("lb", null, "X-Api-Key")).isEqualTo(new Credentials(null, null, null, "X-Api-Key", "lb"));
        assertThat(Credentials.ofOneSecret("lb", null, null)).isEqualTo(new Credentials("lb", null, null, null, null));
        assertThat(Credentials.ofOneSecret(null, null, null)).isNull();
        assertRefused(() -> credentials(Credentials.ofOneSecret(null, "ci", null)), "http.credentials.passwordRef");
        assertThat(credentials(Credentials.ofOneSecret("lb", null, null)).touchesLocalHost()).isFalse();
    }

    static HttpDriverConfig credentials(Credentials credentials) {
        return new HttpDriverConfig(SWITCH, OBSERVE, "/active", null, null, credentials, null);
    }
}
