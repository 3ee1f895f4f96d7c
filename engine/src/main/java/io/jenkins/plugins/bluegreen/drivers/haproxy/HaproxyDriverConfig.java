package io.jenkins.plugins.bluegreen.drivers.haproxy;

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
import java.util.Locale;
import java.util.regex.Pattern;
import okhttp3.OkHttpClient;

/**
 * Settings of the {@link HaproxyDriver}: switches through HAProxy's Runtime API.
 *
 * @param socket the stats socket: {@code 127.0.0.1:9999} (TCP) or an absolute path of a unix socket
 * @param mode {@code server-state} (default), {@code weights} or {@code map}
 * @param backend the backend holding both servers (server-state and weights modes)
 * @param blueServer the blue server's name in {@code backend}; default {@code blue}
 * @param greenServer the green server's name in {@code backend}; default {@code green}
 * @param drain server-state mode: put the old server in {@code drain} instead of {@code maint}
 * @param map the map as HAProxy knows it (its file path, or {@code #<id>}), used by a {@code use_backend} rule (map mode)
 * @param mapKey the key in {@code map} whose value names the backend (map mode)
 * @param blueBackend the backend serving blue (map mode)
 * @param greenBackend the backend serving green (map mode)
 * @param mapFile map mode: rewrite this file after each switch so a reload keeps the colour; {@code null} to skip
 * @param serverStateFile server-state and weights modes: write {@code show servers state} here after each switch,
 *        for {@code server-state-file} + {@code load-server-state-from-file}; {@code null} to skip
 * @param timeout the limit of one Runtime API call, e.g. {@code 5s}; default {@code 5s}
 */
@JsonIgnoreProperties({"type"})
public record HaproxyDriverConfig(
        String socket,
        String mode,
        String backend,
        String blueServer,
        String greenServer,
        boolean drain,
        String map,
        String mapKey,
        String blueBackend,
        String greenBackend,
        String mapFile,
        String serverStateFile,
        String timeout) implements DriverConfig {

    public static final String SERVER_STATE = "server-state";
    public static final String WEIGHTS = "weights";
    public static final String MAP = "map";

    /** HAProxy names: letters, digits, '-', '_', '.', ':'. Anything else could inject a second command. */
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.:-]+");

    public HaproxyDriverConfig {
        if (socket == null || socket.isBlank()) {
            throw new BadInputException("haproxy.socket", "missing; give the stats socket, e.g. '127.0.0.1:9999' or"
                    + " '/run/haproxy/admin.sock' (a 'stats socket ... level admin' line in haproxy.cfg)");
        }
        socket = socket.trim();
        if (!socket.startsWith("/") && !Addresses.isHostPort(socket)) {
            throw new BadInputException("haproxy.socket", "'" + socket + "' is neither host:port (a port from 1 to 65535) nor an"
                    + " absolute unix socket path; e.g. '127.0.0.1:9999' or '/run/haproxy/admin.sock'");
        }
        mode = mode == null || mode.isBlank() ? SERVER_STATE : mode.trim().toLowerCase(Locale.ROOT);
        blueServer = blueServer == null ? "blue" : blueServer;
        greenServer = greenServer == null ? "green" : greenServer;
        switch (mode) {
            case SERVER_STATE, WEIGHTS -> {
                requireName("haproxy.backend", backend, "the backend that holds both servers, e.g. 'be_app'");
                requireName("haproxy.blueServer", blueServer, "the blue server's name in the backend");
                requireName("haproxy.greenServer", greenServer, "the green server's name in the backend");
                if (blueServer.equals(greenServer)) {
                    throw new BadInputException("haproxy.greenServer", "blue and green name the same server '" + blueServer + "'");
                }
                if (mapFile != null) {
                    throw new BadInputException("haproxy.mapFile", "only used in map mode; use serverStateFile in " + mode + " mode");
                }
            }
            case MAP -> {
                if (map == null || map.isBlank() || map.chars().anyMatch(c -> c <= ' ' || c == ';')) {
                    throw new BadInputException("haproxy.map", "give the map file path HAProxy loaded (as in 'use_backend"
                            + " %[req.hdr(host),map(/etc/haproxy/app.map)]'), without spaces or ';'");
                }
                requireName("haproxy.mapKey", mapKey, "the key whose value names the backend");
                requireName("haproxy.blueBackend", blueBackend, "the backend that serves blue");
                requireName("haproxy.greenBackend", greenBackend, "the backend that serves green");
                if (blueBackend.equals(greenBackend)) {
                    throw new BadInputException("haproxy.greenBackend", "blue and green name the same backend '" + blueBackend + "'");
                }
                if (serverStateFile != null) {
                    throw new BadInputException("haproxy.serverStateFile", "only used in server-state and weights modes; use mapFile in map mode");
                }
            }
            default -> throw new BadInputException("haproxy.mode", "'" + mode + "' is not a mode; use 'server-state', 'weights' or 'map'");
        }
        if (drain && !SERVER_STATE.equals(mode)) {
            throw new BadInputException("haproxy.drain", "only applies to server-state mode; remove it or set mode 'server-state'");
        }
        requireAbsolute("haproxy.mapFile", mapFile);
        requireAbsolute("haproxy.serverStateFile", serverStateFile);
        timeout = DriverTimeouts.checked("haproxy.timeout", timeout, "5s");
    }

    private static void requireName(String field, String value, String what) {
        if (value == null || !NAME.matcher(value).matches()) {
            throw new BadInputException(field, (value == null ? "missing" : "'" + value + "' is not a valid HAProxy name")
                    + "; give " + what);
        }
    }

    private static void requireAbsolute(String field, String path) {
        if (path != null && !path.startsWith("/")) {
            throw new BadInputException(field, "'" + path + "' must be an absolute path");
        }
    }

    /** Server-state mode with the usual server names. */
    public static HaproxyDriverConfig serverState(String socket, String backend) {
        return new HaproxyDriverConfig(socket, SERVER_STATE, backend, null, null, false, null, null, null, null, null, null, null);
    }

    public Duration timeoutDuration() {
        return DriverTimeouts.parse("haproxy.timeout", timeout);
    }

    String server(Color color) {
        return color == Color.BLUE ? blueServer : greenServer;
    }

    String backendOf(Color color) {
        return color == Color.BLUE ? blueBackend : greenBackend;
    }

    @Override
    public boolean touchesLocalHost() {
        return socket.startsWith("/") || mapFile != null || serverStateFile != null || DriverConfig.super.touchesLocalHost();
    }

    /** The host of a TCP Runtime API socket; none for a unix socket (a file, which touches the local host anyway). */
    @Override
    public List<String> controlHosts() {
        return socket.startsWith("/") ? List.of() : List.of(socket.substring(0, socket.lastIndexOf(':')));
    }

    @Override
    public String type() {
        return "haproxy";
    }

    @Override
    public TrafficDriver create(OkHttpClient http, SecretSource secrets) {
        return new HaproxyDriver(this);
    }
}
