package io.jenkins.plugins.bluegreen.verify.drift;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jenkins.plugins.bluegreen.model.BadInputException;
import io.jenkins.plugins.bluegreen.model.Color;
import io.jenkins.plugins.bluegreen.model.ConfigDrift;
import io.jenkins.plugins.bluegreen.model.KeyDrift;
import io.jenkins.plugins.bluegreen.model.KeyDrift.Difference;
import io.jenkins.plugins.bluegreen.verify.CheckTarget;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;

/**
 * How to read each colour's configuration (its fingerprint) and how to compare the two: exactly one of an HTTP
 * endpoint answering JSON (flattened to key=value pairs by JSON path) or a command printing key=value lines.
 *
 * @param endpoint a path on each colour's own URL answering JSON, e.g. {@code /config}, or {@code null}
 * @param command a shell command printing {@code key=value} lines, run with {@code BG_COLOR}, {@code BG_URL},
 *     {@code BG_SERVICE} and {@code BG_VERSION} set, or {@code null}
 * @param expectedToDiffer key patterns left out of the comparison, e.g. {@code version}, {@code build.*}
 * @param secretKeys key patterns whose values are compared by hash and never shown, e.g. {@code *password*}
 * @param drift what a difference does to the verification
 * @param timeout how long reading one colour may take
 */
public record FingerprintSettings(
        String endpoint,
        String command,
        List<String> expectedToDiffer,
        List<String> secretKeys,
        DriftPolicy drift,
        Duration timeout) {

    public static final List<String> DEFAULT_EXPECTED_TO_DIFFER = List.of("version", "colour", "color", "build.*");
    public static final List<String> DEFAULT_SECRET_KEYS = List.of("*password*", "*token*", "*secret*", "*key*");
    private static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);
    private static final ObjectMapper JSON = new ObjectMapper();

    public FingerprintSettings {
        endpoint = blankToNull(endpoint);
        command = blankToNull(command);
        if ((endpoint == null) == (command == null)) {
            throw new BadInputException("fingerprint", (endpoint == null ? "says nothing about how to read a colour's configuration"
                    : "gives both endpoint and command") + "; give exactly one: endpoint (a path answering JSON, e.g. '/config')"
                    + " or command (printing key=value lines)");
        }
        if (endpoint != null && !endpoint.startsWith("/")) {
            throw new BadInputException("fingerprint.endpoint", "'" + endpoint + "' must start with '/', e.g. '/config'");
        }
        expectedToDiffer = expectedToDiffer == null ? DEFAULT_EXPECTED_TO_DIFFER : List.copyOf(expectedToDiffer);
        secretKeys = secretKeys == null ? DEFAULT_SECRET_KEYS : List.copyOf(secretKeys);
        new KeyPatterns("fingerprint.expectedToDiffer", expectedToDiffer);
        new KeyPatterns("fingerprint.secretKeys", secretKeys);
        drift = drift == null ? DriftPolicy.WARN : drift;
        timeout = timeout == null ? DEFAULT_TIMEOUT : timeout;
        if (timeout.isZero() || timeout.isNegative()) {
            throw new BadInputException("fingerprint.timeout", "must be positive, e.g. '10s'");
        }
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.trim();
    }

    /** The same settings with another drift policy (a verify step's or command's own). */
    public FingerprintSettings withDrift(DriftPolicy policy) {
        return new FingerprintSettings(endpoint, command, expectedToDiffer, secretKeys, policy, timeout);
    }

    /** {@code GET /config} or {@code command './print-config.sh'}, for logs and plans. */
    public String describeSource() {
        return endpoint != null ? "GET " + endpoint : "command '" + command + "'";
    }

    /**
     * Reads one colour's configuration. Values of secret-looking keys come back as their SHA-256 hash, so that they
     * can be compared and are never held.
     */
    public Map<String, String> read(CheckTarget target, OkHttpClient http) throws FingerprintException {
        Map<String, String> values = endpoint != null ? readEndpoint(target, http)
                : FingerprintCommand.run(command, target, timeout);
        KeyPatterns secret = new KeyPatterns("fingerprint.secretKeys", secretKeys);
        values.replaceAll((key, value) -> secret.matches(key) ? sha256(value) : value);
        return values;
    }

    private Map<String, String> readEndpoint(CheckTarget target, OkHttpClient http) throws FingerprintException {
        HttpUrl url = target.baseUrl() == null ? null : HttpUrl.parse(target.baseUrl().replaceAll("/+$", "") + endpoint);
        if (url == null) {
            throw new FingerprintException("no valid URL is known for " + target.color().name() + " (" + target.baseUrl()
                    + "); configure the colour's URL");
        }
        OkHttpClient client = http.newBuilder().callTimeout(timeout).build();
        try (Response response = client.newCall(new Request.Builder().url(url).get().build()).execute()) {
            if (!response.isSuccessful()) {
                throw new FingerprintException("GET " + url + " answered HTTP " + response.code() + ", not the configuration");
            }
            JsonNode document = JSON.readTree(response.body().byteStream());
            if (document == null || !document.isContainerNode()) {
                throw new FingerprintException("GET " + url + " did not answer a JSON object or array");
            }
            Map<String, String> values = new HashMap<>();
            JsonFlattener.flatten(document, "", values);
            return values;
        } catch (JsonProcessingException e) {
            // Not the parser's message: it quotes the body, which may hold secrets.
            throw new FingerprintException("GET " + url + " did not answer valid JSON (at line "
                    + (e.getLocation() == null ? "?" : e.getLocation().getLineNr()) + ")");
        } catch (IOException e) {
            throw new FingerprintException("no answer from GET " + url + ": " + e.getMessage());
        }
    }

    private static String sha256(String value) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
            return "sha256:" + HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    /**
     * Compares two colours' configurations, as {@link #read} returned them. Keys expected to differ are left out;
     * every other difference is drift, including a key present on one side only.
     */
    public ConfigDrift compare(Color live, Map<String, String> liveValues, Color idle, Map<String, String> idleValues) {
        KeyPatterns expected = new KeyPatterns("fingerprint.expectedToDiffer", expectedToDiffer);
        KeyPatterns secret = new KeyPatterns("fingerprint.secretKeys", secretKeys);
        TreeSet<String> keys = new TreeSet<>(liveValues.keySet());
        keys.addAll(idleValues.keySet());
        int compared = 0;
        List<KeyDrift> differences = new ArrayList<>();
        for (String key : keys) {
            if (expected.matches(key)) {
                continue;
            }
            compared++;
            String onLive = liveValues.get(key);
            String onIdle = idleValues.get(key);
            if (onLive != null && onLive.equals(onIdle)) {
                continue;
            }
            Difference difference = onLive == null ? Difference.ONLY_ON_IDLE : onIdle == null ? Difference.ONLY_ON_LIVE : Difference.CHANGED;
            differences.add(new KeyDrift(key, difference, secret.matches(key), onLive, onIdle));
        }
        return new ConfigDrift(live, idle, compared, differences);
    }
}
