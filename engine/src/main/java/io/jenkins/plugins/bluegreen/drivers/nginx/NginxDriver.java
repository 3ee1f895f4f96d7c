package io.jenkins.plugins.bluegreen.drivers.nginx;

import io.jenkins.plugins.bluegreen.driver.DriverException;
import io.jenkins.plugins.bluegreen.driver.PublicProbes;
import io.jenkins.plugins.bluegreen.driver.TrafficDriver;
import io.jenkins.plugins.bluegreen.model.Color;
import io.jenkins.plugins.bluegreen.model.Durations;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import okhttp3.OkHttpClient;

/**
 * Switches nginx by rewriting the service's upstream include file (temp file + rename), validating it with
 * {@code nginx -t} and reloading. A configuration nginx rejects is put back, so the file always matches what nginx
 * runs. The reload command returns before new workers serve, so the read-back can also probe the public URL.
 */
public final class NginxDriver implements TrafficDriver {

    /** Probes in a row that must agree: old workers keep accepting for ~100 ms after a reload. */
    private static final int AGREEING_PROBES = 3;

    private final NginxDriverConfig config;
    private final IncludeFile file;
    private final PublicProbes probes;

    public NginxDriver(NginxDriverConfig config, OkHttpClient http) {
        this.config = config;
        this.file = new IncludeFile(Path.of(config.includeFile()));
        this.probes = new PublicProbes("nginx", config.probeUrl(), "nginx.probeUrl", config.markerHeader(), config.timeoutDuration(), http);
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
        String previous = file.read();
        file.write(render(color));
        try {
            run("validate", config.testCommand());
            run("reload", config.reloadCommand());
        } catch (DriverException e) {
            file.restore(previous);
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
                        + process.exitValue() + ": " + tail(Files.readString(output)) + ". The include file " + file.path()
                        + " was put back and nginx keeps its previous configuration");
            }
        } catch (IOException e) {
            throw new DriverException("nginx router: could not run " + step + " command '" + String.join(" ", command) + "': "
                    + e.getMessage() + ". Check nginx.testCommand / nginx.reloadCommand", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DriverException("nginx router: interrupted during " + step + "; the include file was put back", e);
        } finally {
            IncludeFile.deleteQuietly(output);
        }
    }

    @Override
    public Optional<Color> observeLive() {
        String content = file.read();
        if (content == null) {
            return Optional.empty();
        }
        Optional<Color> inFile = colorOf(content);
        if (inFile.isEmpty() || !probes.configured()) {
            return inFile;
        }
        return probes.allAnswerFrom(inFile.get(), AGREEING_PROBES) ? inFile : Optional.empty();
    }

    /** The colour whose address every {@code server} directive of the upstream block names. */
    Optional<Color> colorOf(String content) {
        List<String> servers = BlockDirectives.upstreamServers(content, config.upstream());
        boolean blue = servers.contains(config.blueAddress());
        boolean green = servers.contains(config.greenAddress());
        boolean other = servers.stream().anyMatch(address -> !address.equals(config.blueAddress()) && !address.equals(config.greenAddress()));
        return blue == green || other ? Optional.empty() : Optional.of(blue ? Color.BLUE : Color.GREEN);
    }

    @Override
    public Health health() {
        try {
            run("validate", config.testCommand());
            if (probes.configured()) {
                probes.probe();
            }
            return Health.ok("nginx configuration is valid" + (config.probeUrl() == null ? "" : " and " + config.probeUrl() + " answers"));
        } catch (DriverException e) {
            return Health.down(e.getMessage());
        }
    }

    private static String tail(String output) {
        String text = output.strip().replaceAll("\\s*\\n\\s*", " | ");
        return text.isEmpty() ? "no output" : text.length() > 500 ? "..." + text.substring(text.length() - 500) : text;
    }
}
