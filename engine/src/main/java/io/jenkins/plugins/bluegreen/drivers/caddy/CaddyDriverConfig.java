package io.jenkins.plugins.bluegreen.drivers.caddy;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.jenkins.plugins.bluegreen.driver.Addresses;
import io.jenkins.plugins.bluegreen.driver.DriverConfig;
import io.jenkins.plugins.bluegreen.driver.DriverTimeouts;
import io.jenkins.plugins.bluegreen.driver.SecretSource;
import io.jenkins.plugins.bluegreen.driver.TrafficDriver;
import io.jenkins.plugins.bluegreen.drivers.dns.DnsDriverConfig;
import io.jenkins.plugins.bluegreen.model.BadInputException;
import io.jenkins.plugins.bluegreen.model.Color;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;

/**
 * Settings of the Caddy drivers. {@link CaddyDriver} (mode {@code admin}) switches a {@code reverse_proxy} handler's
 * upstreams through Caddy's admin API, which reloads Caddy's config; {@link CaddyDynamicDriver} (mode
 * {@code dynamic}) changes the DNS record the handler's {@code dynamic_upstreams} resolve, which touches no
 * connection.
 *
 * @param adminUrl admin mode: Caddy's admin endpoint; default {@code http://127.0.0.1:2019}
 * @param proxyId admin mode: the {@code @id} of the {@code reverse_proxy} handler in Caddy's JSON config
 * @param blueDial admin mode: blue's upstream dial address, {@code host:port}
 * @param greenDial admin mode: green's upstream dial address, {@code host:port}
 * @param timeout the limit of one admin call or probe, e.g. {@code 5s}; default {@code 5s}
 * @param mode {@code admin} (default) or {@code dynamic}
 * @param dns dynamic mode: the record Caddy resolves and how to update it (the {@code dns} driver's settings)
 * @param probeUrl dynamic mode: Caddy's public URL; the read-back asks it, on fresh connections, which colour answers
 * @param markerHeader dynamic mode: the response header naming the colour; default {@code X-Color}
 * @param refreshWait dynamic mode: how long the read-back waits for Caddy's next lookup to pick up the record (at
 *        least the handler's {@code refresh}); default {@code 5s}
 */
@JsonIgnoreProperties({"type"})
public record CaddyDriverConfig(String adminUrl, String proxyId, String blueDial, String greenDial, String timeout,
        String mode, DnsDriverConfig dns, String probeUrl, String markerHeader, String refreshWait)
        implements DriverConfig {

    public static final String ADMIN = "admin";
    public static final String DYNAMIC = "dynamic";

    private static final Pattern ID = Pattern.compile("[A-Za-z0-9_.-]+");
    /** A dial without a port, or with a dead one, is accepted by Caddy and then answers 502; require the port at least. */
    private static final Pattern UNIX_DIAL = Pattern.compile("unix//?[^\\s\"]+");

    public CaddyDriverConfig {
        mode = mode == null || mode.isBlank() ? ADMIN : mode.trim();
        timeout = DriverTimeouts.checked("caddy.timeout", timeout, "5s");
        if (mode.equals(DYNAMIC)) {
            requireOnlyDynamicSettings(adminUrl, proxyId, blueDial, greenDial);
            if (dns == null) {
                throw new BadInputException("caddy.dns", "missing; mode 'dynamic' switches the DNS record Caddy's dynamic_upstreams"
                        + " resolve: give the dns driver's settings (zone, record, blue, green, primary, tsigKey, tsigSecretRef)");
            }
            if (probeUrl == null) {
                throw new BadInputException("caddy.probeUrl", "missing; mode 'dynamic' confirms a switch by asking Caddy's public"
                        + " URL which colour answers, e.g. 'https://shop.example.com/'");
            }
            Addresses.requireHttpUrl("caddy.probeUrl", probeUrl, "https://shop.example.com/");
            markerHeader = markerHeader == null || markerHeader.isBlank() ? "X-Color" : markerHeader.trim();
            refreshWait = DriverTimeouts.checked("caddy.refreshWait", refreshWait, "5s");
        } else if (!mode.equals(ADMIN)) {
            throw new BadInputException("caddy.mode", "'" + mode + "' is not a mode; use 'admin' (PATCH through the admin API,"
                    + " which reloads Caddy's config) or 'dynamic' (a DNS record behind dynamic_upstreams, see docs/drivers/caddy.md)");
        } else {
            requireOnlyAdminSettings(dns, probeUrl, markerHeader, refreshWait);
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
        }
    }

    /** Settings of the admin mode, as before the dynamic mode existed. */
    public CaddyDriverConfig(String adminUrl, String proxyId, String blueDial, String greenDial, String timeout) {
        this(adminUrl, proxyId, blueDial, greenDial, timeout, ADMIN, null, null, null, null);
    }

    /** Settings of the dynamic mode. */
    public static CaddyDriverConfig dynamic(DnsDriverConfig dns, String probeUrl, String markerHeader, String refreshWait, String timeout) {
        return new CaddyDriverConfig(null, null, null, null, timeout, DYNAMIC, dns, probeUrl, markerHeader, refreshWait);
    }

    /** The dynamic mode never calls the admin API, so admin settings there would be silently ignored: refuse them. */
    private static void requireOnlyDynamicSettings(String adminUrl, String proxyId, String blueDial, String greenDial) {
        String[][] adminOnly = {{"caddy.adminUrl", adminUrl}, {"caddy.proxyId", proxyId}, {"caddy.blueDial", blueDial},
            {"caddy.greenDial", greenDial}};
        for (String[] setting : adminOnly) {
            if (setting[1] != null) {
                throw new BadInputException(setting[0], "is used only with mode 'admin'; in mode 'dynamic' the colours are the"
                        + " addresses in dns.blue and dns.green: remove it");
            }
        }
    }

    private static void requireOnlyAdminSettings(DnsDriverConfig dns, String probeUrl, String markerHeader, String refreshWait) {
        String field = dns != null ? "caddy.dns" : probeUrl != null ? "caddy.probeUrl" : markerHeader != null ? "caddy.markerHeader"
                : refreshWait != null ? "caddy.refreshWait" : null;
        if (field != null) {
            throw new BadInputException(field, "is used only with mode 'dynamic'; set mode: dynamic, or remove it");
        }
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

    Duration refreshWaitDuration() {
        return DriverTimeouts.parse("caddy.refreshWait", refreshWait);
    }

    public boolean isDynamic() {
        return mode.equals(DYNAMIC);
    }

    String dial(Color color) {
        return color == Color.BLUE ? blueDial : greenDial;
    }

    @Override
    public List<String> controlHosts() {
        if (isDynamic()) {
            String primary = dns.primary();
            return List.of(primary.substring(0, primary.lastIndexOf(':')).replace("[", "").replace("]", ""),
                    HttpUrl.parse(probeUrl).host());
        }
        return List.of(HttpUrl.parse(adminUrl).host());
    }

    @Override
    public String type() {
        return "caddy";
    }

    @Override
    public TrafficDriver create(OkHttpClient http, SecretSource secrets) {
        return isDynamic() ? new CaddyDynamicDriver(this, dns.create(http, secrets), http) : new CaddyDriver(this, http);
    }
}
