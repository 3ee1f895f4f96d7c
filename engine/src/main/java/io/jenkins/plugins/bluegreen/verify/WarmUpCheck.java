package io.jenkins.plugins.bluegreen.verify;

import io.jenkins.plugins.bluegreen.model.BadInputException;
import io.jenkins.plugins.bluegreen.model.CheckResult;
import io.jenkins.plugins.bluegreen.model.Durations;
import io.jenkins.plugins.bluegreen.model.Outcome;
import java.io.IOException;
import java.time.Duration;
import java.util.Arrays;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okio.Okio;

/**
 * Sends {@code requests} requests to warm the new version up (caches, JIT, pools), then judges the p95 latency of
 * the second half against the SLO. Any failed request fails the check.
 *
 * @param path the path to GET
 * @param requests how many requests, 2 to 100000
 * @param p95 the slowest acceptable 95th-percentile latency
 * @param timeout the whole check's limit
 */
public record WarmUpCheck(String path, int requests, Duration p95, Duration timeout) implements Check {

    public WarmUpCheck {
        path = path == null || path.isBlank() ? "/" : path;
        if (!path.startsWith("/")) {
            throw new BadInputException("warmUp.path", "'" + path + "' must start with '/', e.g. '/'");
        }
        if (requests < 2 || requests > 100_000) {
            throw new BadInputException("warmUp.requests", requests + " is out of range; use 2 to 100000");
        }
        if (p95 == null || p95.isZero() || p95.isNegative()) {
            throw new BadInputException("warmUp.p95", "give the p95 latency objective, e.g. '200ms'");
        }
        timeout = timeout == null ? Duration.ofSeconds(60) : timeout;
    }

    @Override
    public String name() {
        return "warm-up " + requests + " x GET " + path;
    }

    @Override
    public CheckResult run(CheckTarget target, OkHttpClient http) {
        HttpUrl url = HttpUrl.parse(target.baseUrl().replaceAll("/+$", "") + path);
        if (url == null) {
            return new CheckResult(name(), Outcome.ERROR, "'" + target.baseUrl() + path + "' is not a valid URL", 0, 0);
        }
        Request request = new Request.Builder().url(url).get().build();
        long start = System.nanoTime();
        long deadline = start + timeout.toNanos();
        long[] latencies = new long[requests];
        for (int i = 0; i < requests; i++) {
            if (System.nanoTime() > deadline) {
                return new CheckResult(name(), Outcome.ERROR, "only " + i + " of " + requests + " requests fitted in the timeout of "
                        + Durations.format(timeout), i, millisSince(start));
            }
            long sent = System.nanoTime();
            try (Response response = http.newCall(request).execute()) {
                response.body().source().readAll(Okio.blackhole());
                if (!response.isSuccessful()) {
                    return new CheckResult(name(), Outcome.FAILED, "request " + (i + 1) + " to " + url + " got HTTP " + response.code(),
                            i + 1, millisSince(start));
                }
            } catch (IOException e) {
                return new CheckResult(name(), Outcome.ERROR, "request " + (i + 1) + " to " + url + " got no answer: " + e.getMessage(),
                        i + 1, millisSince(start));
            }
            latencies[i] = System.nanoTime() - sent;
        }
        long[] warm = Arrays.copyOfRange(latencies, requests / 2, requests);
        Arrays.sort(warm);
        Duration measured = Duration.ofNanos(warm[Math.max(0, (int) Math.ceil(warm.length * 0.95) - 1)]);
        Outcome outcome = measured.compareTo(p95) <= 0 ? Outcome.SUCCESSFUL : Outcome.FAILED;
        return new CheckResult(name(), outcome, String.format("p95 after warm-up %.1f ms (objective %d ms)",
                measured.toNanos() / 1e6, p95.toMillis()), requests, millisSince(start));
    }

    private static long millisSince(long startNanos) {
        return (System.nanoTime() - startNanos) / 1_000_000;
    }
}
