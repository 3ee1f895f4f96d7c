package io.jenkins.plugins.bluegreen.release;

import io.jenkins.plugins.bluegreen.driver.Addresses;
import io.jenkins.plugins.bluegreen.driver.SessionDrain;
import io.jenkins.plugins.bluegreen.driver.SessionPolicy;
import io.jenkins.plugins.bluegreen.driver.TrafficDriver;
import io.jenkins.plugins.bluegreen.model.BadInputException;
import io.jenkins.plugins.bluegreen.model.Color;
import io.jenkins.plugins.bluegreen.model.IdleCost;
import io.jenkins.plugins.bluegreen.model.ServiceName;
import io.jenkins.plugins.bluegreen.verify.drift.DriftPolicy;
import io.jenkins.plugins.bluegreen.verify.drift.FingerprintSettings;
import io.jenkins.plugins.bluegreen.watch.ColorMarker;
import io.jenkins.plugins.bluegreen.watch.WatchPolicy;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * How one service is released: where each colour answers, the public URL, the router and the timings. The CLI
 * builds it from a spec file, the plugin from its global configuration or step arguments.
 *
 * @param publicUrl what users call; probed through the switch window. {@code null} disables the watch
 * @param driverTimeout the longest any single router call may take
 * @param confirmTimeout how long the read-back may take to show the new colour
 * @param leaseWait how long to wait for another release of the same service; zero fails fast
 * @param keepOld how long a standby is kept before {@code retire} may remove it
 * @param fingerprint how to read and compare each colour's configuration at verification, or {@code null}
 * @param idleCost what the idle colour costs per hour, or {@code null}
 * @param sessions {@code sessions: drain}: keep sessions pinned to the old colour there through a switch; {@code null}
 *        for a plain switch. Only a driver that can ({@link SessionDrain}) is accepted
 */
public record ServiceDefinition(
        String name,
        Map<Color, List<String>> urls,
        String publicUrl,
        ColorMarker marker,
        TrafficDriver driver,
        WatchPolicy watch,
        Duration driverTimeout,
        Duration confirmTimeout,
        Duration leaseWait,
        Duration keepOld,
        FingerprintSettings fingerprint,
        IdleCost idleCost,
        SessionPolicy sessions) {

    public ServiceDefinition {
        ServiceName.requireValid("service", name);
        if (driver == null) {
            throw new BadInputException("driver", "no traffic driver is configured for " + name
                    + "; choose one (haproxy, nginx, caddy, kubernetes, http, command, dns, or noop for a dry run)");
        }
        EnumMap<Color, List<String>> copy = new EnumMap<>(Color.class);
        for (Color color : Color.values()) {
            List<String> colorUrls = List.copyOf(urls == null ? List.of() : urls.getOrDefault(color, List.of()));
            for (int i = 0; i < colorUrls.size(); i++) {
                Addresses.requireHttpUrl("urls." + color.label() + (colorUrls.size() == 1 ? "" : "[" + i + "]"), colorUrls.get(i),
                        "http://10.0.0.12:8080");
            }
            copy.put(color, colorUrls);
        }
        urls = Map.copyOf(copy);
        if (publicUrl != null) {
            Addresses.requireHttpUrl("publicUrl", publicUrl, "https://shop.example.com/");
        }
        marker = marker == null ? ColorMarker.defaultMarker() : marker;
        watch = watch == null ? WatchPolicy.none() : watch;
        driverTimeout = positive("driverTimeout", driverTimeout, Duration.ofSeconds(10));
        confirmTimeout = positive("confirmTimeout", confirmTimeout, Duration.ofSeconds(5));
        leaseWait = leaseWait == null ? Duration.ZERO : leaseWait;
        keepOld = keepOld == null ? Duration.ZERO : keepOld;
        if (sessions != null) {
            String refusal = driver instanceof SessionDrain drain ? drain.sessionDrainRefusal(sessions).orElse(null)
                    : "the " + driver.type() + " router cannot keep sessions on the old colour while new ones go to the new"
                    + " colour; session drain works with haproxy (server-state mode) and nginx in lua mode";
            if (refusal != null) {
                throw new BadInputException("sessions", refusal + ". Remove 'sessions' for a plain switch");
            }
        }
    }

    /** A definition without a session drain. */
    public ServiceDefinition(String name, Map<Color, List<String>> urls, String publicUrl, ColorMarker marker, TrafficDriver driver,
            WatchPolicy watch, Duration driverTimeout, Duration confirmTimeout, Duration leaseWait, Duration keepOld,
            FingerprintSettings fingerprint, IdleCost idleCost) {
        this(name, urls, publicUrl, marker, driver, watch, driverTimeout, confirmTimeout, leaseWait, keepOld, fingerprint, idleCost, null);
    }

    /** A definition without a configuration fingerprint or an idle cost. */
    public ServiceDefinition(String name, Map<Color, List<String>> urls, String publicUrl, ColorMarker marker, TrafficDriver driver,
            WatchPolicy watch, Duration driverTimeout, Duration confirmTimeout, Duration leaseWait, Duration keepOld) {
        this(name, urls, publicUrl, marker, driver, watch, driverTimeout, confirmTimeout, leaseWait, keepOld, null, null, null);
    }

    private static Duration positive(String field, Duration value, Duration fallback) {
        if (value == null) {
            return fallback;
        }
        if (value.isZero() || value.isNegative()) {
            throw new BadInputException(field, "must be positive, e.g. '10s'");
        }
        return value;
    }

    /** A definition with defaults for everything but the name and the driver. */
    public static ServiceDefinition of(String name, TrafficDriver driver) {
        return new ServiceDefinition(name, null, null, null, driver, null, null, null, null, null);
    }

    public List<String> urls(Color color) {
        return urls.get(color);
    }

    public ServiceDefinition withUrls(String blueUrl, String greenUrl) {
        return new ServiceDefinition(name, Map.of(Color.BLUE, List.of(blueUrl), Color.GREEN, List.of(greenUrl)), publicUrl,
                marker, driver, watch, driverTimeout, confirmTimeout, leaseWait, keepOld,
                fingerprint, idleCost, sessions);
    }

    public ServiceDefinition withPublicUrl(String url, WatchPolicy policy) {
        return new ServiceDefinition(name, urls, url, marker, driver, policy, driverTimeout, confirmTimeout, leaseWait, keepOld,
                fingerprint, idleCost, sessions);
    }

    public ServiceDefinition withDriver(TrafficDriver newDriver) {
        return new ServiceDefinition(name, urls, publicUrl, marker, newDriver, watch, driverTimeout, confirmTimeout, leaseWait, keepOld,
                fingerprint, idleCost, sessions);
    }

    public ServiceDefinition withTimeouts(Duration newDriverTimeout, Duration newConfirmTimeout, Duration newLeaseWait) {
        return new ServiceDefinition(name, urls, publicUrl, marker, driver, watch, newDriverTimeout, newConfirmTimeout, newLeaseWait, keepOld,
                fingerprint, idleCost, sessions);
    }

    public ServiceDefinition withKeepOld(Duration newKeepOld) {
        return new ServiceDefinition(name, urls, publicUrl, marker, driver, watch, driverTimeout, confirmTimeout, leaseWait, newKeepOld,
                fingerprint, idleCost, sessions);
    }

    public ServiceDefinition withFingerprint(FingerprintSettings newFingerprint) {
        return new ServiceDefinition(name, urls, publicUrl, marker, driver, watch, driverTimeout, confirmTimeout, leaseWait, keepOld,
                newFingerprint, idleCost, sessions);
    }

    /**
     * The same service judged by another drift policy (a verify step's or command's own); {@code null} keeps the
     * configured one. Any policy but {@code ignore} needs a fingerprint to compare.
     */
    public ServiceDefinition withDriftPolicy(DriftPolicy policy) {
        if (policy == null || policy == DriftPolicy.IGNORE && fingerprint == null) {
            return this;
        }
        if (fingerprint == null) {
            throw new BadInputException("drift", "'" + policy.label() + "' needs a fingerprint, and " + name + " has none; say how"
                    + " to read each colour's configuration (fingerprint: endpoint or command), or leave drift out");
        }
        return withFingerprint(fingerprint.withDrift(policy));
    }

    public ServiceDefinition withIdleCost(IdleCost newIdleCost) {
        return new ServiceDefinition(name, urls, publicUrl, marker, driver, watch, driverTimeout, confirmTimeout, leaseWait, keepOld,
                fingerprint, newIdleCost, sessions);
    }

    /** The same service with {@code sessions: drain} (or, with {@code null}, a plain switch). */
    public ServiceDefinition withSessions(SessionPolicy newSessions) {
        return new ServiceDefinition(name, urls, publicUrl, marker, driver, watch, driverTimeout, confirmTimeout, leaseWait, keepOld,
                fingerprint, idleCost, newSessions);
    }
}
