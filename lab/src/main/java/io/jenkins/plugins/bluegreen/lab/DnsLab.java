package io.jenkins.plugins.bluegreen.lab;

import io.jenkins.plugins.bluegreen.driver.SecretSource;
import io.jenkins.plugins.bluegreen.drivers.dns.DnsDriverConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Real DNS servers on loopback for tests and the bench: a BIND 9 primary of zone {@code example.test} that takes
 * updates signed with a TSIG key, optionally a Knot DNS secondary fed by NOTIFY and zone transfers, and optionally an
 * unbound caching resolver that knows both. Each runs from its own configuration in a temporary directory and is
 * stopped by PID. The record {@code shop.example.test} starts on blue's answer.
 *
 * <p>Two keys exist: {@code bluegreen-update}, which the zone's update policy lets change {@code shop}'s A, AAAA and
 * CNAME records, and {@code bluegreen-readonly}, which the server knows but whose updates the policy refuses. Their
 * secrets are in files, referenced as {@code file:<path>} like a spec file would.
 */
public final class DnsLab implements AutoCloseable {

    public static final String ZONE = "example.test.";
    public static final String RECORD = "shop.example.test.";
    public static final String UPDATE_KEY = "bluegreen-update";
    public static final String READONLY_KEY = "bluegreen-readonly";

    /** Which servers to start besides the BIND primary. */
    public record Servers(boolean knotSecondary, boolean unboundResolver) {}

    private final Path dir;
    private final int primaryPort;
    private final int secondaryPort;
    private final int resolverPort;
    private final RouterProcess bind;
    private final RouterProcess knot;
    private final RouterProcess unbound;

    private DnsLab(Path dir, int primaryPort, int secondaryPort, int resolverPort, RouterProcess bind, RouterProcess knot, RouterProcess unbound) {
        this.dir = dir;
        this.primaryPort = primaryPort;
        this.secondaryPort = secondaryPort;
        this.resolverPort = resolverPort;
        this.bind = bind;
        this.knot = knot;
        this.unbound = unbound;
    }

    /**
     * @param blue the record's first answer (addresses, or one name for a CNAME)
     * @param ttl the record's TTL in the zone file
     */
    public static DnsLab start(List<String> blue, Duration ttl, Servers servers) {
        Path named = RouterBinaries.require("named");
        Path dir = LabRouter.newDir("dns");
        int primaryPort = RouterProcess.freePort();
        int secondaryPort = servers.knotSecondary() ? RouterProcess.freePort() : 0;
        int resolverPort = servers.unboundResolver() ? RouterProcess.freePort() : 0;
        List<RouterProcess> started = new ArrayList<>();
        try {
            writeSecret(dir.resolve("update.secret"));
            writeSecret(dir.resolve("readonly.secret"));
            writeSecret(dir.resolve("wrong.secret"));
            Path bindDir = Files.createDirectories(dir.resolve("bind"));
            LabRouter.write(bindDir.resolve("example.test.zone"), zoneFile(blue, ttl));
            LabRouter.write(bindDir.resolve("named.conf"), namedConf(dir, bindDir, primaryPort, secondaryPort));
            RouterProcess bind = new RouterProcess("named", List.of(named.toString(), "-g", "-4", "-n", "1", "-c",
                    bindDir.resolve("named.conf").toString()), Map.of(), bindDir, List.of(primaryPort));
            bind.start();
            started.add(bind);
            RouterProcess knot = null;
            if (servers.knotSecondary()) {
                Path knotDir = Files.createDirectories(dir.resolve("knot"));
                LabRouter.write(knotDir.resolve("knot.conf"), knotConf(knotDir, secondaryPort, primaryPort));
                knot = new RouterProcess("knotd", List.of(RouterBinaries.require("knotd").toString(), "-c",
                        knotDir.resolve("knot.conf").toString()), Map.of(), knotDir, List.of(secondaryPort));
                knot.start();
                started.add(knot);
            }
            RouterProcess unbound = null;
            if (servers.unboundResolver()) {
                Path unboundDir = Files.createDirectories(dir.resolve("unbound"));
                LabRouter.write(unboundDir.resolve("unbound.conf"), unboundConf(unboundDir, resolverPort, primaryPort, secondaryPort));
                unbound = new RouterProcess("unbound", List.of(RouterBinaries.require("unbound").toString(), "-d", "-c",
                        unboundDir.resolve("unbound.conf").toString()), Map.of(), unboundDir, List.of(resolverPort));
                unbound.start();
                started.add(unbound);
            }
            DnsLab lab = new DnsLab(dir, primaryPort, secondaryPort, resolverPort, bind, knot, unbound);
            if (knot != null) {
                lab.awaitSecondaryLoaded();
            }
            return lab;
        } catch (IOException | RuntimeException e) {
            started.forEach(RouterProcess::stop);
            delete(dir);
            throw e instanceof IOException io ? new UncheckedIOException("could not set up the DNS lab", io) : (RuntimeException) e;
        }
    }

    private static String zoneFile(List<String> blue, Duration ttl) {
        StringBuilder zone = new StringBuilder("$TTL 300\n"
                + "@ IN SOA ns1." + ZONE + " hostmaster." + ZONE + " 1 3600 600 86400 5\n"
                + "@ IN NS ns1." + ZONE + "\n"
                + "@ IN NS ns2." + ZONE + "\n"
                + "ns1 IN A 127.0.0.1\n"
                + "ns2 IN A 127.0.0.1\n");
        for (String value : blue) {
            String type = value.contains(":") ? "AAAA" : Character.isDigit(value.charAt(0)) ? "A" : "CNAME";
            zone.append("shop ").append(ttl.toSeconds()).append(" IN ").append(type).append(' ').append(value).append('\n');
        }
        return zone.toString();
    }

    private static String namedConf(Path dir, Path bindDir, int port, int secondaryPort) throws IOException {
        String notify = secondaryPort == 0 ? "    notify no;\n"
                : "    notify explicit;\n    also-notify { 127.0.0.1 port " + secondaryPort + "; };\n";
        return "options {\n"
                + "    directory \"" + bindDir + "\";\n"
                + "    pid-file \"" + bindDir.resolve("named.pid") + "\";\n"
                + "    session-keyfile \"" + bindDir.resolve("session.key") + "\";\n"
                + "    listen-on port " + port + " { 127.0.0.1; };\n"
                + "    listen-on-v6 { none; };\n"
                + "    recursion no;\n"
                + "    dnssec-validation no;\n"
                + "    notify-delay 0;\n"
                + "    allow-transfer { 127.0.0.1; };\n"
                + "};\n"
                + "controls { };\n"
                + key(UPDATE_KEY, dir.resolve("update.secret"))
                + key(READONLY_KEY, dir.resolve("readonly.secret"))
                + "zone \"" + ZONE + "\" {\n"
                + "    type primary;\n"
                + "    file \"" + bindDir.resolve("example.test.zone") + "\";\n"
                + "    update-policy { grant " + UPDATE_KEY + " name " + RECORD + " A AAAA CNAME; };\n"
                + notify
                + "};\n";
    }

    private static String key(String name, Path secret) throws IOException {
        return "key \"" + name + "\" { algorithm hmac-sha256; secret \"" + Files.readString(secret).strip() + "\"; };\n";
    }

    private static String knotConf(Path knotDir, int port, int primaryPort) {
        return "server:\n"
                + "    rundir: \"" + knotDir + "\"\n"
                + "    listen: 127.0.0.1@" + port + "\n"
                + "database:\n"
                + "    storage: \"" + knotDir + "\"\n"
                + "control:\n"
                + "    listen: \"" + knotDir.resolve("knot.sock") + "\"\n"
                + "log:\n"
                + "  - target: stderr\n"
                + "    any: info\n"
                + "remote:\n"
                + "  - id: primary\n"
                + "    address: 127.0.0.1@" + primaryPort + "\n"
                + "acl:\n"
                + "  - id: notify_from_primary\n"
                + "    address: 127.0.0.1\n"
                + "    action: notify\n"
                + "template:\n"
                + "  - id: default\n"
                + "    storage: \"" + knotDir + "\"\n"
                + "zone:\n"
                + "  - domain: " + ZONE + "\n"
                + "    master: primary\n"
                + "    acl: notify_from_primary\n"
                + "    zonefile-sync: -1\n"
                + "    zonefile-load: none\n"
                + "    journal-content: none\n";
    }

    private static String unboundConf(Path unboundDir, int port, int primaryPort, int secondaryPort) {
        return "server:\n"
                + "    interface: 127.0.0.1\n"
                + "    port: " + port + "\n"
                + "    do-ip6: no\n"
                + "    do-daemonize: no\n"
                + "    username: \"\"\n"
                + "    chroot: \"\"\n"
                + "    directory: \"" + unboundDir + "\"\n"
                + "    pidfile: \"" + unboundDir.resolve("unbound.pid") + "\"\n"
                + "    use-syslog: no\n"
                + "    logfile: \"\"\n"
                + "    num-threads: 1\n"
                + "    access-control: 127.0.0.0/8 allow\n"
                + "    do-not-query-localhost: no\n"
                + "    module-config: \"iterator\"\n"
                + "    cache-min-ttl: 0\n"
                + "    prefetch: no\n"
                + "    serve-expired: no\n"
                + "    local-zone: \"test.\" nodefault\n"
                + "    domain-insecure: \"" + ZONE + "\"\n"
                + "stub-zone:\n"
                + "    name: \"" + ZONE + "\"\n"
                + "    stub-addr: 127.0.0.1@" + primaryPort + "\n"
                + (secondaryPort == 0 ? "" : "    stub-addr: 127.0.0.1@" + secondaryPort + "\n")
                + "remote-control:\n"
                + "    control-enable: no\n";
    }

    private static void writeSecret(Path file) throws IOException {
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        Files.writeString(file, Base64.getEncoder().encodeToString(secret) + "\n");
        file.toFile().setReadable(false, false);
        file.toFile().setReadable(true, true);
    }

    /** Knot loads the zone by a transfer after it starts; wait until it answers for it. */
    private void awaitSecondaryLoaded() {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (System.nanoTime() < deadline) {
            if (knotc("zone-status", ZONE).contains("serial: ")) {
                return;
            }
            sleep(50);
        }
        throw new IllegalStateException("knot did not load " + ZONE + " from the primary within 15 s: " + knot.log());
    }

    /** A driver configuration for the record, signed with the {@code key} (UPDATE_KEY or READONLY_KEY). */
    public DnsDriverConfig driverConfig(List<String> blue, List<String> green, String key, String switchTtl) {
        return new DnsDriverConfig(ZONE, "shop", blue, green, primary(), knot == null ? List.of() : List.of(secondary()),
                key, null, secretReference(key), switchTtl, unbound == null ? null : resolver(), "2s");
    }

    /** {@code file:<path>} of the key's secret; {@code wrong} for a secret no server knows. */
    public String secretReference(String key) {
        String file = switch (key) {
            case UPDATE_KEY -> "update.secret";
            case READONLY_KEY -> "readonly.secret";
            default -> "wrong.secret";
        };
        return "file:" + dir.resolve(file);
    }

    /** Resolves the lab's {@code file:} references, as the CLI would. */
    public static SecretSource secrets() {
        return LabRouter.fileSecrets();
    }

    public String primary() {
        return "127.0.0.1:" + primaryPort;
    }

    public String secondary() {
        return "127.0.0.1:" + secondaryPort;
    }

    public String resolver() {
        return "127.0.0.1:" + resolverPort;
    }

    public void stopPrimary() {
        bind.stop();
    }

    /** Holds the secondary's zone transfers, so it keeps serving what it has: a secondary that lags. */
    public void freezeSecondary() {
        knotc("zone-freeze", ZONE);
    }

    public void thawSecondary() {
        knotc("zone-thaw", ZONE);
    }

    /** Runs a knotc command and waits ({@code -b}) until knotd has carried it out, not only queued it. */
    private String knotc(String command, String zone) {
        try {
            Process process = new ProcessBuilder(RouterBinaries.require("knotc").toString(), "-b", "-s",
                    dir.resolve("knot").resolve("knot.sock").toString(), command, zone).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes());
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
            return output;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** The servers' recent output, for failure messages. */
    public String log() {
        return "named: " + bind.log() + (knot == null ? "" : "\nknotd: " + knot.log()) + (unbound == null ? "" : "\nunbound: " + unbound.log());
    }

    @Override
    public void close() {
        for (RouterProcess process : new RouterProcess[] {unbound, knot, bind}) {
            if (process != null) {
                process.stop();
            }
        }
        delete(dir);
    }

    private static void delete(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException ignored) {
            // a leftover temp directory is harmless
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
