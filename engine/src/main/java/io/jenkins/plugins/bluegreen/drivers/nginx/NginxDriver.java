package io.jenkins.plugins.bluegreen.drivers.nginx;

import io.jenkins.plugins.bluegreen.driver.DriverException;
import io.jenkins.plugins.bluegreen.driver.TrafficDriver;
import io.jenkins.plugins.bluegreen.model.Color;
import io.jenkins.plugins.bluegreen.model.Durations;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import okhttp3.ConnectionPool;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okio.Okio;

/**
 * Switches nginx by rewriting the service's upstream include file (temp file + rename), validating it with
 * {@code nginx -t} and reloading. A configuration nginx rejects is put back, so the file always matches what nginx
 * runs. The reload command returns before new workers serve, so the read-back can also probe the public URL.
 */
public final class NginxDriver implements TrafficDriver {

    /** Probes in a row that must agree: old workers keep accepting for ~100 ms after a reload. */
    private static final int AGREEING_PROBES = 3;

    private final NginxDriverConfig config;
    private final Path file;
    private final OkHttpClient probes;

    public NginxDriver(NginxDriverConfig config, OkHttpClient http) {
        this.config = config;
        this.file = Path.of(config.includeFile());
        // A fresh connection per probe: a pooled one would stay on an old worker and report the old colour.
        this.probes = http.newBuilder().connectionPool(new ConnectionPool(0, 1, TimeUnit.SECONDS))
                .callTimeout(config.timeoutDuration()).retryOnConnectionFailure(false).build();
    }

    @Override
    public String type() {
        return "nginx";
    }

    /** The include file for one colour. */
    public String render(Color color) {
        return "# Written by the bluegreen nginx driver on every switch; edits are overwritten. Live: " + color.label() + "\n"
                + "upstream " + config.upstream() + " {\n"
                + "    server " + config.address(color) + ";\n"
                + (config.keepalive() > 0 ? "    keepalive " + config.keepalive() + ";\n" : "")
                + "}\n";
    }

    @Override
    public synchronized void switchTo(Color color) {
        String previous = read();
        write(render(color));
        try {
            run("validate", config.testCommand());
            run("reload", config.reloadCommand());
        } catch (DriverException e) {
            restore(previous);
            throw e;
        }
    }

    private void run(String step, List<String> command) {
        Path output = null;
        try {
            output = Files.createTempFile("bluegreen-nginx-", ".out");
            Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile()).start();
            if (!process.waitFor(config.timeoutDuration().toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new DriverException("nginx router: " + step + " command '" + String.join(" ", command) + "' did not end within "
                        + Durations.format(config.timeoutDuration()) + "; the include file was put back. Check that nginx is not stuck");
            }
            if (process.exitValue() != 0) {
                throw new DriverException("nginx router: " + step + " command '" + String.join(" ", command) + "' exited with "
                        + process.exitValue() + ": " + tail(Files.readString(output)) + ". The include file " + file
                        + " was put back and nginx keeps its previous configuration");
            }
        } catch (IOException e) {
            throw new DriverException("nginx router: could not run " + step + " command '" + String.join(" ", command) + "': "
                    + e.getMessage() + ". Check nginx.testCommand / nginx.reloadCommand", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DriverException("nginx router: interrupted during " + step + "; the include file was put back", e);
        } finally {
            deleteQuietly(output);
        }
    }

    @Override
    public Optional<Color> observeLive() {
        String content = read();
        if (content == null) {
            return Optional.empty();
        }
        Optional<Color> inFile = colorOf(content);
        if (inFile.isEmpty() || config.probeUrl() == null) {
            return inFile;
        }
        for (int i = 0; i < AGREEING_PROBES; i++) {
            if (!probe().equals(inFile)) {
                return Optional.empty();
            }
        }
        return inFile;
    }

    /** The colour whose address every {@code server} directive of the upstream block names. */
    Optional<Color> colorOf(String content) {
        List<String> servers = UpstreamServers.in(content, config.upstream());
        boolean blue = servers.contains(config.blueAddress());
        boolean green = servers.contains(config.greenAddress());
        boolean other = servers.stream().anyMatch(address -> !address.equals(config.blueAddress()) && !address.equals(config.greenAddress()));
        return blue == green || other ? Optional.empty() : Optional.of(blue ? Color.BLUE : Color.GREEN);
    }

    private Optional<Color> probe() {
        Request request = new Request.Builder().url(config.probeUrl()).header("Connection", "close").get().build();
        try (Response response = probes.newCall(request).execute()) {
            response.body().source().readAll(Okio.blackhole());
            return Color.find(response.header(config.markerHeader()));
        } catch (IOException e) {
            throw new DriverException("nginx router: probe of " + config.probeUrl() + " failed: " + e.getMessage()
                    + ". Check that nginx runs and serves nginx.probeUrl", e);
        }
    }

    @Override
    public Health health() {
        try {
            run("validate", config.testCommand());
            if (config.probeUrl() != null) {
                probe();
            }
            return Health.ok("nginx configuration is valid" + (config.probeUrl() == null ? "" : " and " + config.probeUrl() + " answers"));
        } catch (DriverException e) {
            return Health.down(e.getMessage());
        }
    }

    private String read() {
        try {
            return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : null;
        } catch (IOException e) {
            throw new DriverException("nginx router: cannot read " + file + ": " + e.getMessage() + ". Check nginx.includeFile", e);
        }
    }

    private void write(String content) {
        Path temp = file.resolveSibling("." + file.getFileName() + ".tmp");
        try {
            Files.writeString(temp, content, StandardCharsets.UTF_8);
            Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            deleteQuietly(temp);
            throw new DriverException("nginx router: cannot write " + file + ": " + e.getMessage()
                    + ". Check that its directory exists and is writable", e);
        }
    }

    private void restore(String previous) {
        if (previous != null) {
            write(previous);
        } else {
            deleteQuietly(file);
        }
    }

    private static void deleteQuietly(Path path) {
        try {
            if (path != null) {
                Files.deleteIfExists(path);
            }
        } catch (IOException ignored) {
            // a leftover temp file is harmless
        }
    }

    private static String tail(String output) {
        String text = output.strip().replaceAll("\\s*\\n\\s*", " | ");
        return text.isEmpty() ? "no output" : text.length() > 500 ? "..." + text.substring(text.length() - 500) : text;
    }
}
