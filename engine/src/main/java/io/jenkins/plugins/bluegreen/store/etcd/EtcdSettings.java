package io.jenkins.plugins.bluegreen.store.etcd;

import io.jenkins.plugins.bluegreen.model.BadInputException;
import java.net.URI;
import java.time.Duration;
import java.util.List;

/**
 * Where the shared state and lock live in etcd, as the CLI spec's {@code store} block and the plugin's global setting
 * give it. Secrets are references (resolved at use through a {@code SecretSource}); the certificate and key are PEM
 * files, or a key store the plugin takes from Jenkins credentials (see {@link EtcdTls}).
 *
 * @param endpoints the cluster members' client URLs, tried in order; a member that does not answer is skipped
 * @param prefix every key starts with it, so services of several teams can share one cluster
 * @param leaseTtl how long the lock outlives a holder that stopped renewing it (a crash frees it within this)
 * @param username etcd user, or {@code null} without authentication
 * @param password secret reference for the user's password
 */
public record EtcdSettings(List<String> endpoints, String prefix, Duration leaseTtl, String username, String password) {

    public static final String DEFAULT_PREFIX = "/bluegreen/";
    public static final Duration DEFAULT_LEASE_TTL = Duration.ofSeconds(10);
    /** etcd raises shorter TTLs to about its election timeout anyway; below 2 s a lease would not survive a GC pause. */
    private static final Duration MIN_LEASE_TTL = Duration.ofSeconds(2);

    public EtcdSettings {
        if (endpoints == null || endpoints.isEmpty()) {
            throw new BadInputException("store.endpoints", "give at least one etcd client URL, e.g. 'https://etcd-1:2379'");
        }
        endpoints = endpoints.stream().map(EtcdSettings::endpoint).toList();
        if (endpoints.stream().map(e -> e.startsWith("https:")).distinct().count() > 1) {
            throw new BadInputException("store.endpoints", "mixes http and https; the members of one cluster all speak TLS or none does");
        }
        prefix = prefix == null || prefix.isBlank() ? DEFAULT_PREFIX : prefix.endsWith("/") ? prefix : prefix + "/";
        leaseTtl = leaseTtl == null ? DEFAULT_LEASE_TTL : leaseTtl;
        if (leaseTtl.compareTo(MIN_LEASE_TTL) < 0 || leaseTtl.toMillis() % 1000 != 0) {
            throw new BadInputException("store.leaseTtl", "must be whole seconds, at least 2s (etcd leases count in seconds); e.g. '10s'");
        }
        username = username == null || username.isBlank() ? null : username;
        password = password == null || password.isBlank() ? null : password;
        if ((username == null) != (password == null)) {
            throw new BadInputException(username == null ? "store.username" : "store.password",
                    "give both the etcd user name and its password reference, or neither");
        }
    }

    public EtcdSettings(List<String> endpoints) {
        this(endpoints, null, null, null, null);
    }

    public boolean tls() {
        return endpoints.get(0).startsWith("https:");
    }

    private static String endpoint(String url) {
        String trimmed = url == null ? "" : url.trim();
        try {
            URI uri = URI.create(trimmed);
            if ((!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme())) || uri.getHost() == null) {
                throw new IllegalArgumentException("not an http(s) URL");
            }
        } catch (IllegalArgumentException e) {
            throw new BadInputException("store.endpoints", "'" + trimmed + "' is not an etcd client URL; give one like"
                    + " 'https://etcd-1:2379' (the member's --advertise-client-urls)");
        }
        return trimmed.endsWith("/") ? trimmed.substring(0, trimmed.length() - 1) : trimmed;
    }
}
