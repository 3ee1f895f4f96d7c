package io.jenkins.plugins.bluegreen.lab;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.bluegreen.drivers.caddy.CaddyDriverConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Starts Caddy with a JSON config on free loopback ports (public and admin, never port 80, no automatic HTTPS,
 * nothing autosaved) in front of a blue and a green backend, blue live, the reverse proxy tagged {@code @id app}.
 * The dynamic variant resolves its upstream from a DNS record instead (see {@link #startDynamic}).
 */
public final class CaddyLab {

    private CaddyLab() {}

    public static LabRouter start(String blueUrl, String greenUrl) {
        Lab lab = new Lab();
        ObjectNode proxy = lab.route(lab.server("public", "127.0.0.1:" + lab.port));
        proxy.put("@id", "app");
        proxy.putArray("upstreams").addObject().put("dial", LabRouter.hostPort(blueUrl));
        RouterProcess process = lab.start();
        CaddyDriverConfig driver = new CaddyDriverConfig("http://127.0.0.1:" + lab.adminPort, "app",
                LabRouter.hostPort(blueUrl), LabRouter.hostPort(greenUrl), null);
        return new LabRouter("caddy", driver, lab.publicUrl(), lab.dir, process);
    }

    /** Caddy's {@code dynamic_upstreams} look the record up again at most this often. */
    public static final String REFRESH = "50ms";
    public static final String BLUE_ADDRESS = "127.0.0.2";
    public static final String GREEN_ADDRESS = "127.0.0.3";

    /** Caddy in mode dynamic with its own BIND primary, which the router owns and stops with it. */
    public static LabRouter startDynamic(String blueUrl, String greenUrl) {
        DnsLab dns = DnsLab.start(List.of(BLUE_ADDRESS), Duration.ofSeconds(1), new DnsLab.Servers(false, false));
        try {
            return startDynamic(blueUrl, greenUrl, dns, dns);
        } catch (RuntimeException e) {
            dns.close();
            throw e;
        }
    }

    /**
     * Caddy whose reverse proxy dials whatever address {@link DnsLab#RECORD} resolves to on {@code dns}'s primary,
     * re-resolved every {@link #REFRESH}, on one port: blue at {@link #BLUE_ADDRESS}, green at {@link #GREEN_ADDRESS}
     * (Linux routes all of 127/8 to loopback). The lab's backends listen on 127.0.0.1 with ports of their own, so two
     * more servers in the same Caddy stand at those addresses and pass on to them: the extra loopback hop is the
     * lab's, a real setup runs the colours there.
     *
     * @param companion what the router stops with it ({@code dns} itself, or nothing when the caller owns it)
     */
    public static LabRouter startDynamic(String blueUrl, String greenUrl, DnsLab dns, AutoCloseable companion) {
        Lab lab = new Lab();
        int colourPort = RouterProcess.freePort();
        lab.route(lab.server("blue", BLUE_ADDRESS + ":" + colourPort)).putArray("upstreams").addObject().put("dial", LabRouter.hostPort(blueUrl));
        lab.route(lab.server("green", GREEN_ADDRESS + ":" + colourPort)).putArray("upstreams").addObject().put("dial", LabRouter.hostPort(greenUrl));
        ObjectNode upstreams = lab.route(lab.server("public", "127.0.0.1:" + lab.port)).putObject("dynamic_upstreams");
        upstreams.put("source", "a").put("name", DnsLab.RECORD.replaceAll("\\.$", "")).put("port", String.valueOf(colourPort))
                .put("refresh", REFRESH).putObject("resolver").putArray("addresses").add(dns.primary());
        RouterProcess process = lab.start();
        CaddyDriverConfig driver = CaddyDriverConfig.dynamic(dns.driverConfig(List.of(BLUE_ADDRESS), List.of(GREEN_ADDRESS),
                DnsLab.UPDATE_KEY, "1s"), lab.publicUrl(), null, null, null);
        return new LabRouter("caddy-dynamic", driver, lab.publicUrl(), lab.dir, process, companion);
    }

    /** One Caddy JSON config being built: admin and storage set, servers added by the caller. */
    private static final class Lab {
        final Path dir = LabRouter.newDir("caddy");
        final int port = RouterProcess.freePort();
        final int adminPort = RouterProcess.freePort();
        final ObjectNode root = new ObjectMapper().createObjectNode();
        final ObjectNode servers;

        Lab() {
            ObjectNode admin = root.putObject("admin");
            admin.put("listen", "127.0.0.1:" + adminPort);
            admin.putObject("config").put("persist", false);
            root.putObject("storage").put("module", "file_system").put("root", dir.resolve("data").toString());
            servers = root.putObject("apps").putObject("http").putObject("servers");
        }

        ObjectNode server(String name, String listen) {
            ObjectNode server = servers.putObject(name);
            server.putArray("listen").add(listen);
            server.putObject("automatic_https").put("disable", true);
            return server;
        }

        /** The server's one route's reverse proxy handler. */
        ObjectNode route(ObjectNode server) {
            return server.putArray("routes").addObject().putArray("handle").addObject().put("handler", "reverse_proxy");
        }

        String publicUrl() {
            return "http://127.0.0.1:" + port + "/";
        }

        RouterProcess start() {
            Path binary = RouterBinaries.require("caddy");
            Path config = dir.resolve("caddy.json");
            LabRouter.write(config, root.toPrettyString());
            RouterProcess process = new RouterProcess("caddy", List.of(binary.toString(), "run", "--config", config.toString()),
                    Map.of("HOME", dir.toString(), "XDG_CONFIG_HOME", dir.resolve("config").toString(),
                            "XDG_DATA_HOME", dir.resolve("data").toString()),
                    dir, List.of(port, adminPort));
            process.start();
            return process;
        }
    }
}
