package io.jenkins.plugins.bluegreen.drivers;

import io.jenkins.plugins.bluegreen.driver.DriverConfig;
import io.jenkins.plugins.bluegreen.driver.NoopDriverConfig;
import io.jenkins.plugins.bluegreen.drivers.caddy.CaddyDriverConfig;
import io.jenkins.plugins.bluegreen.drivers.command.CommandDriverConfig;
import io.jenkins.plugins.bluegreen.drivers.dns.DnsDriverConfig;
import io.jenkins.plugins.bluegreen.drivers.haproxy.HaproxyDriverConfig;
import io.jenkins.plugins.bluegreen.drivers.http.HttpDriverConfig;
import io.jenkins.plugins.bluegreen.drivers.kubernetes.KubernetesDriverConfig;
import io.jenkins.plugins.bluegreen.drivers.nginx.NginxDriverConfig;
import java.util.Map;
import java.util.TreeMap;

/**
 * The catalogue of driver types by the name used in spec files. The only place that knows every driver, so that
 * drivers never depend on each other.
 */
public final class DriverTypes {

    private static final Map<String, Class<? extends DriverConfig>> TYPES = new TreeMap<>(Map.of(
            "noop", NoopDriverConfig.class,
            "haproxy", HaproxyDriverConfig.class,
            "nginx", NginxDriverConfig.class,
            "caddy", CaddyDriverConfig.class,
            "kubernetes", KubernetesDriverConfig.class,
            "http", HttpDriverConfig.class,
            "command", CommandDriverConfig.class,
            "dns", DnsDriverConfig.class));

    private DriverTypes() {}

    /** Type name to configuration record, sorted by name. */
    public static Map<String, Class<? extends DriverConfig>> all() {
        return TYPES;
    }
}
