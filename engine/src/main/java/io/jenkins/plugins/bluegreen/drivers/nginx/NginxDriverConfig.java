package io.jenkins.plugins.bluegreen.drivers.nginx;

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
import okhttp3.OkHttpClient;

/**
 * Settings of the {@link NginxDriver}: it owns one include file holding the service's {@code upstream} block.
 *
 * @param includeFile the absolute path of the file the driver writes, included from nginx's {@code http} block
 * @param upstream the upstream's name, used in {@code proxy_pass http://<upstream>;}
 * @param blueAddress where blue listens, {@code host:port}
 * @param greenAddress where green listens, {@code host:port}
 * @param keepalive idle connections nginx keeps to the upstream (0 for none); needs {@code proxy_http_version 1.1}
 *        and {@code proxy_set_header Connection ""} in the location
 * @param testCommand validates the configuration; default {@code nginx -t}
 * @param reloadCommand applies it; default {@code nginx -s reload}
 * @param probeUrl the public URL; when set, the read-back also asks it which colour answers (the reload command
 *        returns before the new workers serve) and health checks that it answers
 * @param markerHeader the response header naming the colour; default {@code X-Color}
 * @param timeout the limit of each command and probe, e.g. {@code 10s}; default {@code 10s}
 */
@JsonIgnoreProperties({"type"})
public record NginxDriverConfig(
        String includeFile,
        String upstream,
        String blueAddress,
        String greenAddress,
        int keepalive,
        List<String> testCommand,
        List<String> reloadCommand,
        String probeUrl,
        String markerHeader,
        String timeout) implements DriverConfig {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.-]+");
    private static final Pattern UNIX_ADDRESS = Pattern.compile("unix:/[^;\\s{}]+");

    public NginxDriverConfig {
        if (includeFile == null || !includeFile.startsWith("/") || includeFile.endsWith("/")) {
            throw new BadInputException("nginx.includeFile", (includeFile == null ? "missing" : "'" + includeFile + "' is not an absolute file path")
                    + "; give the file the driver owns, e.g. '/etc/nginx/bluegreen/shop.conf', included from the http block");
        }
        if (upstream == null || !NAME.matcher(upstream).matches()) {
            throw new BadInputException("nginx.upstream", (upstream == null ? "missing" : "'" + upstream + "' is not a valid name")
                    + "; give the upstream name used in 'proxy_pass http://<upstream>;'");
        }
        requireAddress("nginx.blueAddress", blueAddress);
        requireAddress("nginx.greenAddress", greenAddress);
        if (blueAddress.equals(greenAddress)) {
            throw new BadInputException("nginx.greenAddress", "blue and green have the same address '" + blueAddress + "'");
        }
        if (keepalive < 0 || keepalive > 10_000) {
            throw new BadInputException("nginx.keepalive", keepalive + " is out of range; use 0 (none) to 10000");
        }
        testCommand = command("nginx.testCommand", testCommand, List.of("nginx", "-t"));
        reloadCommand = command("nginx.reloadCommand", reloadCommand, List.of("nginx", "-s", "reload"));
        if (probeUrl != null) {
            Addresses.requireHttpUrl("nginx.probeUrl", probeUrl, "https://shop.example.com/");
        }
        markerHeader = markerHeader == null || markerHeader.isBlank() ? "X-Color" : markerHeader.trim();
        timeout = DriverTimeouts.checked("nginx.timeout", timeout, "10s");
    }

    private static void requireAddress(String field, String address) {
        if (!Addresses.isHostPort(address) && (address == null || !UNIX_ADDRESS.matcher(address).matches())) {
            throw new BadInputException(field, (address == null ? "missing" : "'" + address + "' is not an upstream address")
                    + "; write host:port, e.g. '127.0.0.1:9001'");
        }
    }

    private static List<String> command(String field, List<String> command, List<String> fallback) {
        if (command == null || command.isEmpty()) {
            return fallback;
        }
        if (command.stream().anyMatch(part -> part == null || part.isEmpty())) {
            throw new BadInputException(field, "has an empty argument; give the program and its arguments as a list");
        }
        return List.copyOf(command);
    }

    public NginxDriverConfig withTestCommand(List<String> command) {
        return new NginxDriverConfig(includeFile, upstream, blueAddress, greenAddress, keepalive, command, reloadCommand,
                probeUrl, markerHeader, timeout);
    }

    public NginxDriverConfig withReloadCommand(List<String> command) {
        return new NginxDriverConfig(includeFile, upstream, blueAddress, greenAddress, keepalive, testCommand, command,
                probeUrl, markerHeader, timeout);
    }

    public Duration timeoutDuration() {
        return DriverTimeouts.parse("nginx.timeout", timeout);
    }

    String address(Color color) {
        return color == Color.BLUE ? blueAddress : greenAddress;
    }

    @Override
    public boolean touchesLocalHost() {
        return true;
    }

    @Override
    public String type() {
        return "nginx";
    }

    @Override
    public TrafficDriver create(OkHttpClient http, SecretSource secrets) {
        return new NginxDriver(this, http);
    }
}
