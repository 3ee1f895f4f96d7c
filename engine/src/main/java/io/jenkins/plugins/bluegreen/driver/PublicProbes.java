package io.jenkins.plugins.bluegreen.driver;

import io.jenkins.plugins.bluegreen.model.Color;
import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import okhttp3.ConnectionPool;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okio.Okio;

/** Asks a router's public URL which colour answers, each time on a fresh connection. */
public final class PublicProbes {

    private final String router;
    private final String probeUrl;
    private final String probeField;
    private final String markerHeader;
    private final OkHttpClient probes;

    /**
     * @param router the router's name in messages, e.g. {@code nginx}
     * @param probeUrl the public URL, or {@code null} when probes are not configured
     * @param probeField the setting that holds the URL, for messages, e.g. {@code nginx.probeUrl}
     * @param markerHeader the response header naming the colour
     * @param timeout the limit of one probe
     */
    public PublicProbes(String router, String probeUrl, String probeField, String markerHeader, Duration timeout, OkHttpClient http) {
        this.router = router;
        this.probeUrl = probeUrl;
        this.probeField = probeField;
        this.markerHeader = markerHeader;
        // A fresh connection per probe: a pooled one would stay on an old worker or upstream and report the old colour.
        this.probes = http.newBuilder().connectionPool(new ConnectionPool(0, 1, TimeUnit.SECONDS))
                .callTimeout(timeout).retryOnConnectionFailure(false).build();
    }

    /** Whether probes are configured (a probe URL is set). */
    public boolean configured() {
        return probeUrl != null;
    }

    /** Whether {@code count} probes in a row all answer from {@code expected}. */
    public boolean allAnswerFrom(Color expected, int count) {
        for (int i = 0; i < count; i++) {
            if (!probe().equals(Optional.of(expected))) {
                return false;
            }
        }
        return true;
    }

    /** The colour that answered one probe, if its marker header names one. */
    public Optional<Color> probe() {
        Request request = new Request.Builder().url(probeUrl).header("Connection", "close").get().build();
        try (Response response = probes.newCall(request).execute()) {
            response.body().source().readAll(Okio.blackhole());
            return Color.find(response.header(markerHeader));
        } catch (IOException e) {
            throw new DriverException(router + " router: probe of " + probeUrl + " failed: " + e.getMessage()
                    + ". Check that " + router + " runs and serves " + probeField, e);
        }
    }
}
