package io.jenkins.plugins.bluegreen.driver;

import io.jenkins.plugins.bluegreen.model.Color;
import okhttp3.OkHttpClient;

/**
 * Settings of the {@link NoopDriver}.
 *
 * @param initiallyLive the colour it pretends to serve at first, or {@code null}
 */
public record NoopDriverConfig(Color initiallyLive) implements DriverConfig {

    @Override
    public String type() {
        return "noop";
    }

    @Override
    public TrafficDriver create(OkHttpClient http, SecretSource secrets) {
        return new NoopDriver(initiallyLive);
    }
}
