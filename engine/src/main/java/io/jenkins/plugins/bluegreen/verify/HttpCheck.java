package io.jenkins.plugins.bluegreen.verify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jenkins.plugins.bluegreen.model.BadInputException;
import io.jenkins.plugins.bluegreen.model.CheckResult;
import io.jenkins.plugins.bluegreen.model.Durations;
import io.jenkins.plugins.bluegreen.model.Outcome;
import java.io.IOException;
import java.time.Duration;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;

/**
 * Requests a path of the environment until it passes {@code consecutiveSuccesses} times in a row, or the timeout
 * ends. A response that arrives but is wrong is Failed; no response at all (refused, timed out) is Error.
 *
 * @param path the path to GET, e.g. {@code /health}
 * @param expectedStatus the status that passes
 * @param bodyContains text the body must contain, or {@code null}
 * @param bodyRegex a regular expression the body must match somewhere, or {@code null}
 * @param jsonPointer a JSON pointer into the body, e.g. {@code /status}, or {@code null}
 * @param jsonEquals what the value at {@code jsonPointer} must equal (as text)
 * @param maxLatency the slowest acceptable answer, or {@code null}
 * @param consecutiveSuccesses passes in a row needed
 * @param interval pause between requests
 * @param timeout the whole check's limit
 */
public record HttpCheck(
        String path,
        int expectedStatus,
        String bodyContains,
        String bodyRegex,
        String jsonPointer,
        String jsonEquals,
        Duration maxLatency,
        int consecutiveSuccesses,
        Duration interval,
        Duration timeout) implements Check {

    private static final ObjectMapper JSON = new ObjectMapper();

    public HttpCheck {
        path = path == null || path.isBlank() ? "/" : path;
        if (!path.startsWith("/")) {
            throw new BadInputException("httpCheck.path", "'" + path + "' must start with '/', e.g. '/health'");
        }
        if (expectedStatus == 0) {
            expectedStatus = 200;
        }
        if (expectedStatus < 100 || expectedStatus > 599) {
            throw new BadInputException("httpCheck.expectedStatus", expectedStatus + " is not an HTTP status; use 100-599");
        }
        if (bodyRegex != null) {
            try {
                Pattern.compile(bodyRegex);
            } catch (PatternSyntaxException e) {
                throw new BadInputException("httpCheck.bodyRegex", "'" + bodyRegex + "' is not a valid regular expression: " + e.getDescription());
            }
        }
        if (jsonPointer != null && !jsonPointer.isEmpty() && !jsonPointer.startsWith("/")) {
            throw new BadInputException("httpCheck.jsonPointer", "'" + jsonPointer + "' is not a JSON pointer; write it like '/status'");
        }
        if ((jsonPointer == null) != (jsonEquals == null)) {
            throw new BadInputException(jsonPointer == null ? "httpCheck.jsonPointer" : "httpCheck.jsonEquals",
                    "jsonPointer and jsonEquals go together; give both or neither");
        }
        if (consecutiveSuccesses == 0) {
            consecutiveSuccesses = 1;
        }
        if (consecutiveSuccesses < 1 || consecutiveSuccesses > 10_000) {
            throw new BadInputException("httpCheck.consecutiveSuccesses", consecutiveSuccesses + " is out of range; use 1 to 10000");
        }
        interval = interval == null ? Duration.ofMillis(500) : interval;
        timeout = timeout == null ? Duration.ofSeconds(30) : timeout;
        if (timeout.isZero() || timeout.isNegative()) {
            throw new BadInputException("httpCheck.timeout", "must be positive, e.g. '30s'");
        }
    }

    /** GET {@code path} expecting 200, once, within 30 s. */
    public static HttpCheck get(String path) {
        return new HttpCheck(path, 200, null, null, null, null, null, 1, null, null);
    }

    @Override
    public String name() {
        return "http GET " + path;
    }

    @Override
    public CheckResult run(CheckTarget target, OkHttpClient http) {
        HttpUrl url = HttpUrl.parse(target.baseUrl().replaceAll("/+$", "") + path);
        if (url == null) {
            return new CheckResult(name(), Outcome.ERROR, "'" + target.baseUrl() + path + "' is not a valid URL", 0, 0);
        }
        OkHttpClient client = http.newBuilder().callTimeout(timeout).build();
        long start = System.nanoTime();
        long deadline = start + timeout.toNanos();
        int attempts = 0;
        int streak = 0;
        String lastProblem = "no request was made";
        Outcome lastOutcome = Outcome.ERROR;
        while (System.nanoTime() < deadline) {
            attempts++;
            long sent = System.nanoTime();
            try (Response response = client.newCall(new Request.Builder().url(url).get().build()).execute()) {
                String body = response.body().string();
                Duration latency = Duration.ofNanos(System.nanoTime() - sent);
                String problem = judge(response.code(), body, latency);
                if (problem == null) {
                    if (++streak >= consecutiveSuccesses) {
                        return new CheckResult(name(), Outcome.SUCCESSFUL, "passed " + streak + " time(s) in a row against "
                                + url + " (last answer in " + latency.toMillis() + " ms)", attempts, millisSince(start));
                    }
                } else {
                    streak = 0;
                    lastProblem = problem;
                    lastOutcome = Outcome.FAILED;
                }
            } catch (IOException e) {
                streak = 0;
                lastProblem = "no answer from " + url + ": " + e.getMessage();
                lastOutcome = Outcome.ERROR;
            }
            pause(deadline);
        }
        return new CheckResult(name(), lastOutcome, lastProblem + " (after " + attempts + " attempts in "
                + Durations.format(timeout) + "; " + streak + " of " + consecutiveSuccesses + " passes in a row)", attempts, millisSince(start));
    }

    /** Why a response does not pass, or {@code null} when it does. */
    private String judge(int status, String body, Duration latency) {
        if (status != expectedStatus) {
            return "expected HTTP " + expectedStatus + " but got " + status;
        }
        if (bodyContains != null && !body.contains(bodyContains)) {
            return "the body does not contain '" + bodyContains + "'";
        }
        if (bodyRegex != null && !Pattern.compile(bodyRegex).matcher(body).find()) {
            return "the body does not match /" + bodyRegex + "/";
        }
        if (jsonPointer != null) {
            String actual = jsonAt(body);
            if (!jsonEquals.equals(actual)) {
                return "expected " + jsonPointer + " = '" + jsonEquals + "' but found " + (actual == null ? "nothing" : "'" + actual + "'");
            }
        }
        if (maxLatency != null && latency.compareTo(maxLatency) > 0) {
            return "answered in " + latency.toMillis() + " ms, slower than the limit of " + Durations.format(maxLatency);
        }
        return null;
    }

    private String jsonAt(String body) {
        try {
            JsonNode node = JSON.readTree(body).at(jsonPointer);
            return node.isMissingNode() ? null : node.isValueNode() ? node.asText() : node.toString();
        } catch (IOException e) {
            return null;
        }
    }

    private void pause(long deadline) {
        long sleep = Math.min(interval.toNanos(), deadline - System.nanoTime());
        if (sleep > 0) {
            try {
                Thread.sleep(sleep / 1_000_000, (int) (sleep % 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static long millisSince(long startNanos) {
        return (System.nanoTime() - startNanos) / 1_000_000;
    }
}
