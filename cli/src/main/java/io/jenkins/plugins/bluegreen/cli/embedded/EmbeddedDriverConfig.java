package io.jenkins.plugins.bluegreen.cli.embedded;

import io.jenkins.plugins.bluegreen.driver.DriverConfig;
import io.jenkins.plugins.bluegreen.driver.SecretSource;
import io.jenkins.plugins.bluegreen.driver.TrafficDriver;
import io.jenkins.plugins.bluegreen.model.BadInputException;
import okhttp3.HttpUrl;
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
        if (admin == null || HttpUrl.parse(admin) == null) {
            throw new BadInputException("embedded.admin", "'" + admin + "' is not an http URL; give the admin URL"
                    + " 'bluegreen router' prints, e.g. 'http://127.0.0.1:8081'");
        }
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
