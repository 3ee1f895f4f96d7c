package io.jenkins.plugins.bluegreen.drivers.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.bluegreen.driver.DriverConfig;
import io.jenkins.plugins.bluegreen.drivers.DriverTypes;
import io.jenkins.plugins.bluegreen.drivers.http.HttpDriverConfig.Credentials;
import io.jenkins.plugins.bluegreen.drivers.http.HttpDriverConfig.RequestTemplate;
import io.jenkins.plugins.bluegreen.model.BadInputException;
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
    void theDocumentedSpecBlockDeserialisesThroughTheCatalogue() throws Exception {
        ObjectNode block = (ObjectNode) new ObjectMapper().readTree(SPEC_EXAMPLE);
        Class<? extends DriverConfig> type = DriverTypes.all().get(block.remove("type").asText());

        HttpDriverConfig config = (HttpDriverConfig) new ObjectMapper().treeToValue(block, type);

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
        assertField(() -> config(null, OBSERVE), "http.switchRequest");
        assertField(() -> config(SWITCH, new RequestTemplate(null, "lb.example.com/pools", null, null)), "http.observeRequest.url");
        assertField(() -> config(new RequestTemplate("FETCH", SWITCH.url(), null, null), OBSERVE), "http.switchRequest.method");
        assertField(() -> config(new RequestTemplate("GET", SWITCH.url(), null, "{}"), OBSERVE), "http.switchRequest.body");
        assertField(() -> config(new RequestTemplate(null, SWITCH.url(), null, "${colour}"), OBSERVE), "http.switchRequest.body");
        assertField(() -> config(SWITCH, new RequestTemplate(null, "https://lb.example.com/${color}", null, null)),
                "http.observeRequest.url");
        assertField(() -> config(new RequestTemplate(null, SWITCH.url(), Map.of("X-Token", "${token}"), null), OBSERVE),
                "http.switchRequest.headers.X-Token");
    }

    @Test
    void exactlyOneWayToReadTheColourAndAValidOne() {
        assertField(() -> new HttpDriverConfig(SWITCH, OBSERVE, null, null, null, null, null), "http.colorJsonPointer");
        assertField(() -> new HttpDriverConfig(SWITCH, OBSERVE, "/a", "a", null, null, null), "http.colorJsonPointer");
        assertField(() -> new HttpDriverConfig(SWITCH, OBSERVE, "active", null, null, null, null), "http.colorJsonPointer");
        assertField(() -> new HttpDriverConfig(SWITCH, OBSERVE, null, "live=(", null, null, null), "http.colorRegex");
    }

    @Test
    void credentialsMustBeOneCompleteKind() {
        assertField(() -> credentials(new Credentials(null, null, null, null, null)), "http.credentials");
        assertField(() -> credentials(new Credentials("env:A", "user", "env:B", null, null)), "http.credentials");
        assertField(() -> credentials(new Credentials(null, "user", null, null, null)), "http.credentials.passwordRef");
        assertField(() -> credentials(new Credentials(null, null, null, "X-Api-Key", null)), "http.credentials.headerValueRef");
        assertField(() -> new HttpDriverConfig(SWITCH, OBSERVE, "/a", null, null, null, "0ms"), "http.timeout");
    }

    static HttpDriverConfig config(RequestTemplate switchRequest, RequestTemplate observeRequest) {
        return new HttpDriverConfig(switchRequest, observeRequest, "/active", null, null, null, null);
    }

    static HttpDriverConfig credentials(Credentials credentials) {
        return new HttpDriverConfig(SWITCH, OBSERVE, "/active", null, null, credentials, null);
    }

    static void assertField(Runnable action, String field) {
        assertThatThrownBy(action::run)
                .isInstanceOfSatisfying(BadInputException.class, e -> assertThat(e.field()).isEqualTo(field));
    }
}
