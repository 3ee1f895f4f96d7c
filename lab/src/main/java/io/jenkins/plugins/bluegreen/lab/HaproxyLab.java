package io.jenkins.plugins.bluegreen.lab;

import io.jenkins.plugins.bluegreen.drivers.haproxy.HaproxyDriverConfig;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Starts HAProxy on free loopback ports in front of a blue and a green backend, blue live, with a Runtime API
 * socket and the persistence the driver supports (server-state file, map file).
 */
public final class HaproxyLab {

    private HaproxyLab() {}

    /** Server-state mode on a TCP stats socket. */
    public static LabRouter start(String blueUrl, String greenUrl) {
        return start(blueUrl, greenUrl, HaproxyDriverConfig.SERVER_STATE, false);
    }

    /**
     * @param mode server-state, weights or map
     * @param unixSocket put the Runtime API on a unix socket in the router's directory instead of loopback TCP
     */
    public static LabRouter start(String blueUrl, String greenUrl, String mode, boolean unixSocket) {
        return start(blueUrl, greenUrl, mode, unixSocket, null);
    }

    /**
     * Server-state mode with cookie persistence: HAProxy pins each session to the server that answered its first
     * request with the cookie {@code cookie} ({@code blue} or {@code green}), for a session drain.
     */
    public static LabRouter startWithSessionCookie(String blueUrl, String greenUrl, String cookie) {
        return start(blueUrl, greenUrl, HaproxyDriverConfig.SERVER_STATE, false, cookie);
    }

    private static LabRouter start(String blueUrl, String greenUrl, String mode, boolean unixSocket, String cookie) {
        Path binary = RouterBinaries.require("haproxy");
        Path dir = LabRouter.newDir("haproxy");
        int port = RouterProcess.freePort();
        int statsPort = RouterProcess.freePort();
        String socket = unixSocket ? dir.resolve("admin.sock").toString() : "127.0.0.1:" + statsPort;
        Path map = dir.resolve("colors.map");
        Path stateFile = dir.resolve("server-state");
        boolean weights = HaproxyDriverConfig.WEIGHTS.equals(mode);
        LabRouter.write(map, "app be_blue\n");
        LabRouter.write(dir.resolve("haproxy.cfg"), String.join("\n",
                "global",
                "    stats socket " + (unixSocket ? socket + " mode 600" : "ipv4@" + socket) + " level admin",
                "    server-state-file " + stateFile,
                "    maxconn 4096",
                "defaults",
                "    mode http",
                "    timeout connect 2s",
                "    timeout client 30s",
                "    timeout server 30s",
                "    option http-keep-alive",
                "    load-server-state-from-file global",
                "frontend public",
                "    bind 127.0.0.1:" + port,
                HaproxyDriverConfig.MAP.equals(mode) ? "    use_backend %[str(app),map(" + map + ",be_blue)]" : "",
                "    default_backend be_app",
                "backend be_app",
                cookie == null ? "" : "    cookie " + cookie + " insert indirect nocache",
                "    server blue " + LabRouter.hostPort(blueUrl) + (weights ? " weight 100" : "") + (cookie == null ? "" : " cookie blue"),
                "    server green " + LabRouter.hostPort(greenUrl) + (weights ? " weight 0" : " disabled") + (cookie == null ? "" : " cookie green"),
                "backend be_blue",
                "    server blue " + LabRouter.hostPort(blueUrl),
                "backend be_green",
                "    server green " + LabRouter.hostPort(greenUrl),
                ""));
        HaproxyDriverConfig config = HaproxyDriverConfig.MAP.equals(mode)
                ? new HaproxyDriverConfig(socket, mode, null, null, null, false, map.toString(), "app", "be_blue", "be_green",
                        map.toString(), null, null)
                : new HaproxyDriverConfig(socket, mode, "be_app", "blue", "green", false, null, null, null, null, null,
                        stateFile.toString(), null);
        RouterProcess process = new RouterProcess("haproxy",
                List.of(binary.toString(), "-db", "-f", dir.resolve("haproxy.cfg").toString()), Map.of(), dir,
                unixSocket ? List.of(port) : List.of(port, statsPort));
        process.start();
        return new LabRouter("haproxy", config, "http://127.0.0.1:" + port + "/", dir, process);
    }
}
