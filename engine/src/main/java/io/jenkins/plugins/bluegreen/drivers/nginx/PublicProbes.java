package io.jenkins.plugins.bluegreen.drivers.nginx;

import io.jenkins.plugins.bluegreen.driver.DriverException;
import io.jenkins.plugins.bluegreen.model.Color;
import java.io.IOException;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import okhttp3.ConnectionPool;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okio.Okio;

/** Asks nginx's public URL which colour answers, each time on a fresh connection. */
final class PublicProbes {

    private final NginxDriverConfig config;
    private final OkHttpClient probes;

    PublicProbes(NginxDriverConfig config, OkHttpClient http) {
        this.config = config;
        // A fresh connection per probe: a pooled one would stay on an old worker and report the old colour.
        this.probes = http.newBuilder().connectionPool(new ConnectionPool(0, 1, TimeUnit.SECONDS))
                .callTimeout(config.timeoutDuration()).retryOnConnectionFailure(false).build();
    }

    /** Whether probes are configured ({@code probeUrl}). */
    boolean configured() {
        return config.probeUrl() != null;
    }

    /** Whether {@code count} probes in a row all answer from {@code expected}. */
    boolean allAnswerFrom(Color expected, int count) {
        for (int i = 0; i < count; i++) {
            if (!probe().equals(Optional.of(expected))) {
                return false;
            }
        }
        return true;
    }

    /** The colour that answered one probe, if its marker header names one. */
    Optional<Color> probe() {
        Request request = new Request.Builder().url(config.probeUrl()).header("Connection", "close").get().build();
        try (Response response = probes.newCall(request).execute()) {
            response.body().source().readAll(Okio.blackhole());
            return Color.find(response.header(config.markerHeader()));
        } catch (IOException e) {
            throw new DriverException("nginx router: probe of " + config.probeUrl() + " failed: " + e.getMessage()
                    + ". Check that nginx runs and serves nginx.probeUrl", e);
        }
    }
}
