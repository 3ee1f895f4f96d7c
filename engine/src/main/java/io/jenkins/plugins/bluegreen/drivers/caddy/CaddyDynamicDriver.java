package io.jenkins.plugins.bluegreen.drivers.caddy;

import io.jenkins.plugins.bluegreen.driver.DriverException;
import io.jenkins.plugins.bluegreen.driver.PublicProbes;
import io.jenkins.plugins.bluegreen.driver.TrafficDriver;
import io.jenkins.plugins.bluegreen.model.Color;
import java.util.Optional;
import okhttp3.OkHttpClient;

/**
 * Switches Caddy without touching its config: the {@code reverse_proxy} handler's {@code dynamic_upstreams}
 * ({@code source: a}) resolve a DNS name at most every {@code refresh}, and the switch changes that name's record
 * through the {@code dns} driver (one RFC 2136 update, TSIG-signed). No admin call means no config reload, so Caddy
 * keeps every client connection. The read-back needs both: the authoritative servers answer the colour, and Caddy's
 * public URL, asked on fresh connections, serves it (waiting up to {@code refreshWait} for Caddy's next lookup).
 */
final class CaddyDynamicDriver implements TrafficDriver {

    private static final long PROBE_PAUSE_MILLIS = 20;

    private final CaddyDriverConfig config;
    private final TrafficDriver record;
    private final PublicProbes probes;

    CaddyDynamicDriver(CaddyDriverConfig config, TrafficDriver record, OkHttpClient http) {
        this.config = config;
        this.record = record;
        this.probes = new PublicProbes("caddy", config.probeUrl(), "caddy.probeUrl", config.markerHeader(), config.timeoutDuration(), http);
    }

    @Override
    public String type() {
        return "caddy";
    }

    @Override
    public void switchTo(Color color) {
        record.switchTo(color);
    }

    /**
     * The record's colour once Caddy serves it. Caddy looks the name up again only when its {@code refresh} has passed,
     * so right after a switch it may still serve the old colour for that long; a disagreement that outlasts
     * {@code refreshWait} means Caddy does not follow this record (another name, resolver or port), and reads as empty.
     */
    @Override
    public Optional<Color> observeLive() {
        Optional<Color> inDns = record.observeLive();
        if (inDns.isEmpty()) {
            return Optional.empty();
        }
        long deadline = System.nanoTime() + config.refreshWaitDuration().toNanos();
        while (true) {
            if (probes.probe().equals(inDns)) {
                return inDns;
            }
            if (System.nanoTime() - deadline > 0) {
                return Optional.empty();
            }
            pause();
        }
    }

    @Override
    public Health health() {
        Health dns = record.health();
        if (!dns.healthy()) {
            return dns;
        }
        try {
            Optional<Color> serving = probes.probe();
            return Health.ok(dns.detail() + "; " + config.probeUrl() + " answers"
                    + serving.map(color -> " from " + color.name()).orElse(" without a " + config.markerHeader() + " colour"));
        } catch (DriverException e) {
            return Health.down(e.getMessage());
        }
    }

    private static void pause() {
        try {
            Thread.sleep(PROBE_PAUSE_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DriverException("caddy router: interrupted while waiting for Caddy to pick up the DNS record", e);
        }
    }
}
