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
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;

/**
 * Settings of the nginx drivers: each owns one include file. {@link NginxDriver} (mode {@code reload}) writes the
 * service's {@code upstream} block there and reloads; {@link NginxLuaDriver} (mode {@code lua}) writes one upstream
 * per colour and the colour nginx starts from, and switches through a lua admin location without a reload.
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
 * @param mode {@code reload} (default: rewrite the upstream, {@code nginx -t}, reload) or {@code lua} (no reload: the
 *        colour lives in a {@code lua_shared_dict} set through a loopback admin location; needs nginx's lua module
 *        and the snippet in docs/drivers/nginx.md)
 * @param adminUrl lua mode: the base URL of the admin server on loopback, e.g. {@code http://127.0.0.1:8081}; the
 *        driver calls {@code <adminUrl>/bluegreen/<upstream>}
 * @param tokenRef lua mode: reference to the admin token (a credentials ID in Jenkins, {@code env:}/{@code file:} in
 *        the CLI); nginx holds only its SHA-1
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
        String timeout,
        String mode,
        String adminUrl,
        String tokenRef) implements DriverConfig {

    public static final String RELOAD = "reload";
    public static final String LUA = "lua";

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.-]+");
    /** In lua mode the upstream also names an nginx variable and the dict key, which allow no '.' or '-'. */
    private static final Pattern LUA_NAME = Pattern.compile("[A-Za-z0-9_]+");
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
        mode = mode == null || mode.isBlank() ? RELOAD : mode.trim();
        if (mode.equals(LUA)) {
            requireLuaSettings(upstream, adminUrl, tokenRef);
            adminUrl = adminUrl.replaceAll("/+$", "");
        } else if (!mode.equals(RELOAD)) {
            throw new BadInputException("nginx.mode", "'" + mode + "' is not a mode; use 'reload' (include file + nginx -s reload)"
                    + " or 'lua' (no reload; needs nginx's lua module and the snippet in docs/drivers/nginx.md)");
        } else if (adminUrl != null || tokenRef != null) {
            throw new BadInputException(adminUrl != null ? "nginx.adminUrl" : "nginx.tokenRef",
                    "is used only with mode 'lua'; set mode: lua, or remove it");
        }
    }

    /** Settings of the previous releases, reload mode. */
    public NginxDriverConfig(String includeFile, String upstream, String blueAddress, String greenAddress, int keepalive,
            List<String> testCommand, List<String> reloadCommand, String probeUrl, String markerHeader, String timeout) {
        this(includeFile, upstream, blueAddress, greenAddress, keepalive, testCommand, reloadCommand, probeUrl, markerHeader,
                timeout, RELOAD, null, null);
    }

    private static void requireLuaSettings(String upstream, String adminUrl, String tokenRef) {
        if (!LUA_NAME.matcher(upstream).matches()) {
            throw new BadInputException("nginx.upstream", "'" + upstream + "' cannot be used in mode 'lua': it names the variable"
                    + " $bluegreen_<upstream> and the dict key; use letters, digits and '_' only");
        }
        Addresses.requireHttpUrl("nginx.adminUrl", adminUrl, "http://127.0.0.1:8081");
        String host = HttpUrl.get(adminUrl).host();
        if (!host.equals("127.0.0.1") && !host.equals("::1") && !host.equals("localhost")) {
            throw new BadInputException("nginx.adminUrl", "'" + adminUrl + "' is not on loopback; the admin location sets what"
                    + " nginx serves, so it must listen on 127.0.0.1 only, e.g. 'http://127.0.0.1:8081'");
        }
        if (!HttpUrl.get(adminUrl).encodedPath().equals("/")) {
            throw new BadInputException("nginx.adminUrl", "'" + adminUrl + "' has a path; give the admin server's base URL, e.g."
                    + " 'http://127.0.0.1:8081' (the driver calls /bluegreen/<upstream> on it)");
        }
        if (tokenRef == null || tokenRef.isBlank()) {
            throw new BadInputException("nginx.tokenRef", "missing; mode 'lua' needs a reference to the admin token, e.g."
                    + " 'file:/etc/nginx/bluegreen/admin.token' (CLI) or a credentials ID (Jenkins)");
        }
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
                probeUrl, markerHeader, timeout, mode, adminUrl, tokenRef);
    }

    public NginxDriverConfig withReloadCommand(List<String> command) {
        return new NginxDriverConfig(includeFile, upstream, blueAddress, greenAddress, keepalive, testCommand, command,
                probeUrl, markerHeader, timeout, mode, adminUrl, tokenRef);
    }

    public NginxDriverConfig withTokenRef(String reference) {
        return new NginxDriverConfig(includeFile, upstream, blueAddress, greenAddress, keepalive, testCommand, reloadCommand,
                probeUrl, markerHeader, timeout, mode, adminUrl, reference);
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
        return mode.equals(LUA) ? new NginxLuaDriver(this, http, secrets) : new NginxDriver(this, http);
    }
}
