package io.jenkins.plugins.bluegreen.cli.embedded;

import io.jenkins.plugins.bluegreen.driver.Addresses;
import io.jenkins.plugins.bluegreen.driver.DriverConfig;
import io.jenkins.plugins.bluegreen.driver.SecretSource;
import io.jenkins.plugins.bluegreen.driver.TrafficDriver;
import okhttp3.OkHttpClient;

/**
 * Settings of the {@link EmbeddedDriver}: a CLI-only type, since the router it drives lives in a CLI process
 * ({@code bluegreen demo} or {@code bluegreen router}).
 *
 * @param admin the router's admin URL, e.g. {@code http://127.0.0.1:8081}
 */
public record EmbeddedDriverConfig(String admin) implements DriverConfig {

    public static final String TYPE = "embedded";

    public EmbeddedDriverConfig {
        Addresses.requireHttpUrl("embedded.admin", admin, "http://127.0.0.1:8081");
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public TrafficDriver create(OkHttpClient http, SecretSource secrets) {
        return new EmbeddedDriver(http, admin);
    }
}
