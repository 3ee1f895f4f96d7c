package io.jenkins.plugins.bluegreen.lab;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.bluegreen.drivers.caddy.CaddyDriverConfig;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Starts Caddy with a JSON config on free loopback ports (public and admin, never port 80, no automatic HTTPS,
 * nothing autosaved) in front of a blue and a green backend, blue live, the reverse proxy tagged {@code @id app}.
 */
public final class CaddyLab {

    private CaddyLab() {}

    public static LabRouter start(String blueUrl, String greenUrl) {
        Path binary = RouterBinaries.require("caddy");
        Path dir = LabRouter.newDir("caddy");
        int port = RouterProcess.freePort();
        int adminPort = RouterProcess.freePort();
        ObjectMapper json = new ObjectMapper();
        ObjectNode root = json.createObjectNode();
        ObjectNode admin = root.putObject("admin");
        admin.put("listen", "127.0.0.1:" + adminPort);
        admin.putObject("config").put("persist", false);
        root.putObject("storage").put("module", "file_system").put("root", dir.resolve("data").toString());
        ObjectNode server = root.putObject("apps").putObject("http").putObject("servers").putObject("public");
        server.putArray("listen").add("127.0.0.1:" + port);
        server.putObject("automatic_https").put("disable", true);
        ObjectNode proxy = server.putArray("routes").addObject().putArray("handle").addObject();
        proxy.put("handler", "reverse_proxy").put("@id", "app");
        proxy.putArray("upstreams").addObject().put("dial", LabRouter.hostPort(blueUrl));
        Path config = dir.resolve("caddy.json");
        LabRouter.write(config, root.toPrettyString());
        RouterProcess process = new RouterProcess("caddy", List.of(binary.toString(), "run", "--config", config.toString()),
                Map.of("HOME", dir.toString(), "XDG_CONFIG_HOME", dir.resolve("config").toString(),
                        "XDG_DATA_HOME", dir.resolve("data").toString()),
                dir, List.of(port, adminPort));
        process.start();
        CaddyDriverConfig driver = new CaddyDriverConfig("http://127.0.0.1:" + adminPort, "app",
                LabRouter.hostPort(blueUrl), LabRouter.hostPort(greenUrl), null);
        return new LabRouter("caddy", driver, "http://127.0.0.1:" + port + "/", dir, process);
    }
}
