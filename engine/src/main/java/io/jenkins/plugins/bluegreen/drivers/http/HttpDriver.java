package io.jenkins.plugins.bluegreen.drivers.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jenkins.plugins.bluegreen.driver.DriverException;
import io.jenkins.plugins.bluegreen.driver.SecretMasking;
import io.jenkins.plugins.bluegreen.driver.SecretSource;
import io.jenkins.plugins.bluegreen.driver.TrafficDriver;
import io.jenkins.plugins.bluegreen.drivers.http.HttpDriverConfig.Credentials;
import io.jenkins.plugins.bluegreen.drivers.http.HttpDriverConfig.RequestTemplate;
import io.jenkins.plugins.bluegreen.model.Color;
import io.jenkins.plugins.bluegreen.model.Durations;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/** Switches and reads back through the configured HTTP requests of a router's own API. */
final class HttpDriver implements TrafficDriver {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long BODY_LIMIT = 1 << 20;
    private static final int MESSAGE_LIMIT = 300;

    private final HttpDriverConfig config;
    private final OkHttpClient http;
    private final SecretSource secrets;
    private final Duration timeout;
    private final Pattern colorRegex;

    HttpDriver(HttpDriverConfig config, OkHttpClient http, SecretSource secrets, Duration timeout) {
        this.config = config;
        this.http = http;
        this.secrets = secrets;
        this.timeout = timeout;
        this.colorRegex = config.colorRegex() == null ? null : Pattern.compile(config.colorRegex());
    }

    @Override
    public String type() {
        return HttpDriverConfig.TYPE;
    }

    @Override
    public void switchTo(Color color) {
        send(config.switchRequest(), color.label(), "switch to " + color.label());
    }

    @Override
    public Optional<Color> observeLive() {
        return colorIn(send(config.observeRequest(), null, "read the live colour"));
    }

    @Override
    public Health health() {
        RequestTemplate request = config.healthRequest() != null ? config.healthRequest() : config.observeRequest();
        try {
            send(request, null, "health check");
            return Health.ok(request.method() + " " + request.url() + " answered");
        } catch (DriverException e) {
            return Health.down(e.getMessage());
        }
    }

    private Optional<Color> colorIn(String body) {
        String value;
        if (colorRegex != null) {
            Matcher matcher = colorRegex.matcher(body);
            value = !matcher.find() ? null : matcher.groupCount() > 0 ? matcher.group(1) : matcher.group();
        } else {
            try {
                JsonNode node = JSON.readTree(body).at(config.colorJsonPointer());
                value = node.isValueNode() ? node.asText() : null;
            } catch (IOException e) {
                throw new DriverException("http router: the observe response is not JSON, so colorJsonPointer '"
                        + config.colorJsonPointer() + "' cannot be read; check http.observeRequest.url, or use colorRegex");
            }
        }
        return Color.find(value);
    }

    /** Sends one request; returns the body of a 2xx answer or throws naming the call and what to check. */
    private String send(RequestTemplate template, String color, String call) {
        Request.Builder request = new Request.Builder().url(template.fill(template.url(), color));
        template.headers().forEach((name, value) -> request.header(name, template.fill(value, color)));
        List<String> secretValues = authenticate(request);
        RequestBody body = null;
        if (template.body() != null) {
            String type = template.headers().entrySet().stream()
                    .filter(header -> header.getKey().equalsIgnoreCase("Content-Type"))
                    .map(header -> header.getValue()).findFirst().orElse("application/json");
            body = RequestBody.create(template.fill(template.body(), color).getBytes(StandardCharsets.UTF_8), MediaType.parse(type));
        } else if (!template.method().equals("GET") && !template.method().equals("DELETE")) {
            body = RequestBody.create(new byte[0]);
        }
        request.method(template.method(), body);
        String where = "http router (" + template.method() + " " + template.fill(template.url(), color) + "): " + call;
        try (Response response = http.newCall(request.build()).execute()) {
            String answer = response.peekBody(BODY_LIMIT).string();
            if (!response.isSuccessful()) {
                String hint = response.isRedirect()
                        ? "the router's API redirects to " + response.header("Location") + "; configure that URL instead"
                        : hint(response.code());
                throw new DriverException(SecretMasking.mask(where + " failed with HTTP " + response.code() + excerpt(answer) + "; "
                        + hint, secretValues));
            }
            return answer;
        } catch (InterruptedIOException e) {
            throw new DriverException(where + " got no answer within " + Durations.format(timeout)
                    + "; check that the router's API is up and reachable from here (http.timeout)");
        } catch (IOException e) {
            throw new DriverException(SecretMasking.mask(where + " failed: " + e + "; check the URL and that the router's API is"
                    + " reachable from here", secretValues), e);
        }
    }

    /** Adds the configured credentials, resolved now; returns the resolved values so messages can be scrubbed. */
    private List<String> authenticate(Request.Builder request) {
        Credentials credentials = config.credentials();
        List<String> values = new ArrayList<>();
        if (credentials == null) {
            return values;
        }
        if (credentials.bearerTokenRef() != null) {
            String token = secrets.resolve("http.credentials.bearerTokenRef", credentials.bearerTokenRef());
            values.add(token);
            request.header("Authorization", "Bearer " + token);
        } else if (credentials.passwordRef() != null) {
            String password = secrets.resolve("http.credentials.passwordRef", credentials.passwordRef());
            values.add(password);
            String basic = okhttp3.Credentials.basic(credentials.username(), password, StandardCharsets.UTF_8);
            values.add(basic.substring("Basic ".length()));
            request.header("Authorization", basic);
        } else {
            String key = secrets.resolve("http.credentials.headerValueRef", credentials.headerValueRef());
            values.add(key);
            request.header(credentials.header(), key);
        }
        return values;
    }

    private static String hint(int code) {
        return switch (code) {
            case 401, 403 -> "check http.credentials and that the secret they reference is current and allowed to do this";
            case 404, 405 -> "check the request's method and URL against the router's API";
            case 400, 409, 422 -> "check the request's body and headers against the router's API";
            default -> "check the router's health and its logs";
        };
    }

    private static String excerpt(String body) {
        String text = body.strip();
        if (text.isEmpty()) {
            return "";
        }
        return " (" + (text.length() > MESSAGE_LIMIT ? text.substring(0, MESSAGE_LIMIT) + "..." : text) + ")";
    }
}
