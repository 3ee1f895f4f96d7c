package io.jenkins.plugins.bluegreen.drivers.caddy;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.jenkins.plugins.bluegreen.driver.Addresses;
import io.jenkins.plugins.bluegreen.driver.DriverConfig;
import io.jenkins.plugins.bluegreen.driver.DriverTimeouts;
import io.jenkins.plugins.bluegreen.driver.SecretSource;
import io.jenkins.plugins.bluegreen.driver.TrafficDriver;
import io.jenkins.plugins.bluegreen.model.BadInputException;
import io.jenkins.plugins.bluegreen.model.Color;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;

/**
 * Settings of the {@link CaddyDriver}: switches a {@code reverse_proxy} handler's upstreams through Caddy's admin API.
 *
 * @param adminUrl Caddy's admin endpoint; default {@code http://127.0.0.1:2019}
 * @param proxyId the {@code @id} of the {@code reverse_proxy} handler in Caddy's JSON config
 * @param blueDial blue's upstream dial address, {@code host:port}
 * @param greenDial green's upstream dial address, {@code host:port}
 * @param timeout the limit of one admin call, e.g. {@code 5s}; default {@code 5s}
 */
@JsonIgnoreProperties({"type"})
public record CaddyDriverConfig(String adminUrl, String proxyId, String blueDial, String greenDial, String timeout)
        implements DriverConfig {

    private static final Pattern ID = Pattern.compile("[A-Za-z0-9_.-]+");
    /** A dial without a port, or with a dead one, is accepted by Caddy and then answers 502; require the port at least. */
    private static final Pattern UNIX_DIAL = Pattern.compile("unix//?[^\\s\"]+");

    public CaddyDriverConfig {
        adminUrl = adminUrl == null || adminUrl.isBlank() ? "http://127.0.0.1:2019" : adminUrl.trim().replaceAll("/+$", "");
        Addresses.requireHttpUrl("caddy.adminUrl", adminUrl, "http://127.0.0.1:2019");
        if (proxyId == null || !ID.matcher(proxyId).matches()) {
            throw new BadInputException("caddy.proxyId", (proxyId == null ? "missing" : "'" + proxyId + "' is not a valid @id")
                    + "; add \"@id\": \"<name>\" to the reverse_proxy handler in Caddy's JSON config and give that name");
        }
        requireDial("caddy.blueDial", blueDial);
        requireDial("caddy.greenDial", greenDial);
        if (blueDial.equals(greenDial)) {
            throw new BadInputException("caddy.greenDial", "blue and green dial the same address '" + blueDial + "'");
        }
        timeout = DriverTimeouts.checked("caddy.timeout", timeout, "5s");
    }

    private static void requireDial(String field, String dial) {
        if (!Addresses.isHostPort(dial) && (dial == null || !UNIX_DIAL.matcher(dial).matches())) {
            throw new BadInputException(field, (dial == null ? "missing" : "'" + dial + "' is not a dial address")
                    + "; write host:port, e.g. '127.0.0.1:9001'");
        }
    }

    public Duration timeoutDuration() {
        return DriverTimeouts.parse("caddy.timeout", timeout);
    }

    String dial(Color color) {
        return color == Color.BLUE ? blueDial : greenDial;
    }

    @Override
    public List<String> controlHosts() {
        return List.of(HttpUrl.parse(adminUrl).host());
    }

    @Override
    public String type() {
        return "caddy";
    }

    @Override
    public TrafficDriver create(OkHttpClient http, SecretSource secrets) {
        return new CaddyDriver(this, http);
    }
}
