package io.jenkins.plugins.bluegreen.lab;

import io.jenkins.plugins.bluegreen.drivers.nginx.NginxDriver;
import io.jenkins.plugins.bluegreen.drivers.nginx.NginxDriverConfig;
import io.jenkins.plugins.bluegreen.model.Color;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import okhttp3.OkHttpClient;

/**
 * Starts nginx (master + one worker, never as a daemon, never on port 80) on a free loopback port in front of a
 * blue and a green backend, blue live, with the upstream in an include file the driver owns.
 */
public final class NginxLab {

    private NginxLab() {}

    public static LabRouter start(String blueUrl, String greenUrl) {
        Path binary = RouterBinaries.require("nginx");
        Path dir = LabRouter.newDir("nginx");
        int port = RouterProcess.freePort();
        Path conf = dir.resolve("nginx.conf");
        Path include = dir.resolve("upstream-app.conf");
        String publicUrl = "http://127.0.0.1:" + port + "/";
        List<String> base = List.of(binary.toString(), "-p", dir + "/", "-c", conf.toString(), "-e", dir.resolve("error.log").toString());
        NginxDriverConfig config = new NginxDriverConfig(include.toString(), "app", LabRouter.hostPort(blueUrl),
                LabRouter.hostPort(greenUrl), 32, with(base, "-t", "-q"), with(base, "-s", "reload"), publicUrl, null, null);
        LabRouter.write(include, new NginxDriver(config, new OkHttpClient()).render(Color.BLUE));
        LabRouter.write(conf, String.join("\n",
                "worker_processes 1;",
                "pid " + dir.resolve("nginx.pid") + ";",
                "error_log " + dir.resolve("error.log") + " warn;",
                "# Old workers exit when their last request ends, or after this at the latest.",
                "worker_shutdown_timeout 10s;",
                "events { worker_connections 1024; }",
                "http {",
                "    access_log off;",
                "    keepalive_timeout 65s;",
                "    include " + include + ";",
                "    server {",
                "        listen 127.0.0.1:" + port + ";",
                "        location / {",
                "            proxy_pass http://app;",
                "            proxy_http_version 1.1;",
                "            proxy_set_header Connection \"\";",
                "        }",
                "    }",
                "}",
                ""));
        RouterProcess process = new RouterProcess("nginx", with(base, "-g", "daemon off;"), Map.of(), dir, List.of(port));
        process.start();
        return new LabRouter("nginx", config, publicUrl, dir, process);
    }

    private static List<String> with(List<String> base, String... more) {
        List<String> command = new ArrayList<>(base);
        command.addAll(List.of(more));
        return command;
    }
}
