package io.jenkins.plugins.bluegreen.lab;

import io.jenkins.plugins.bluegreen.driver.DriverConfig;
import io.jenkins.plugins.bluegreen.driver.SecretSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * A real router running on loopback for tests, demos and benchmarks, with the driver configuration that controls
 * it. {@link #close()} stops the process by PID and deletes its directory.
 */
public final class LabRouter implements AutoCloseable {

    private final String name;
    private final DriverConfig driverConfig;
    private final String publicUrl;
    private final Path dir;
    private final RouterProcess process;
    private final AutoCloseable companion;

    LabRouter(String name, DriverConfig driverConfig, String publicUrl, Path dir, RouterProcess process) {
        this(name, driverConfig, publicUrl, dir, process, () -> { });
    }

    /** @param companion what the router depends on and stops with it, e.g. the DNS server Caddy's upstreams resolve with */
    LabRouter(String name, DriverConfig driverConfig, String publicUrl, Path dir, RouterProcess process, AutoCloseable companion) {
        this.name = name;
        this.driverConfig = driverConfig;
        this.publicUrl = publicUrl;
        this.dir = dir;
        this.process = process;
        this.companion = companion;
    }

    /** haproxy, nginx, nginx-lua, caddy or caddy-dynamic. */
    public String name() {
        return name;
    }

    /** A driver configuration that switches this router. */
    public DriverConfig driverConfig() {
        return driverConfig;
    }

    /** What users would call, e.g. {@code http://127.0.0.1:41234/}. */
    public String publicUrl() {
        return publicUrl;
    }

    /** The router's own directory: its configuration, sockets and {@code router.log}. */
    public Path dir() {
        return dir;
    }

    public long pid() {
        return process.pid();
    }

    public boolean alive() {
        return process.alive();
    }

    /** Resolves the secret references of {@link #driverConfig()}: the lab keeps its secrets in files ({@code file:}). */
    public SecretSource secrets() {
        return fileSecrets();
    }

    /** Resolves {@code file:} references, as the CLI would. */
    static SecretSource fileSecrets() {
        return (field, reference) -> {
            try {
                return Files.readString(Path.of(reference.substring("file:".length()))).strip();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        };
    }

    /** Stops the router but keeps its directory, to simulate a router that is down. */
    public void stop() {
        process.stop();
    }

    /** Stops and starts the router again from its configuration files, as a restart or reload from disk would. */
    public void restart() {
        process.stop();
        process.start();
    }

    /** The router's recent output, for failure messages. */
    public String log() {
        return process.log();
    }

    @Override
    public void close() {
        process.stop();
        try {
            companion.close();
        } catch (Exception e) {
            throw new IllegalStateException("could not stop what " + name + " depends on", e);
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException ignored) {
            // a leftover temp directory is harmless
        }
    }

    static Path newDir(String router) {
        try {
            return Files.createTempDirectory("bluegreen-" + router + "-");
        } catch (IOException e) {
            throw new IllegalStateException("cannot create a temporary directory for " + router, e);
        }
    }

    static void write(Path file, String content) {
        try {
            Files.writeString(file, content);
        } catch (IOException e) {
            throw new IllegalStateException("cannot write " + file, e);
        }
    }

    /** {@code host:port} of a backend URL such as {@code http://127.0.0.1:9001}. */
    static String hostPort(String url) {
        okhttp3.HttpUrl parsed = okhttp3.HttpUrl.parse(url);
        if (parsed == null) {
            throw new IllegalArgumentException("'" + url + "' is not an http URL");
        }
        return parsed.host() + ":" + parsed.port();
    }
}
