package io.jenkins.plugins.bluegreen.lab;

import io.jenkins.plugins.bluegreen.drivers.nginx.NginxDriver;
import io.jenkins.plugins.bluegreen.drivers.nginx.NginxDriverConfig;
import io.jenkins.plugins.bluegreen.drivers.nginx.NginxLuaDriver;
import io.jenkins.plugins.bluegreen.model.Color;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import okhttp3.OkHttpClient;

/**
 * Starts nginx (never as a daemon, never on port 80) on a free loopback port in front of a blue and a green backend,
 * blue live, with the upstreams in an include file the driver owns. {@link #start} runs the reload mode (one
 * worker); {@link #startLua} the lua mode (two workers sharing the dict, an admin server on a second loopback port
 * and the token in a file, referenced as {@code file:}), with the snippet of docs/drivers/nginx.md.
 */
public final class NginxLab {

    /** Debian's dynamic modules for the lua mode (libnginx-mod-http-ndk, libnginx-mod-http-lua). */
    public static final List<Path> LUA_MODULES = List.of(Path.of("/usr/lib/nginx/modules/ndk_http_module.so"),
            Path.of("/usr/lib/nginx/modules/ngx_http_lua_module.so"));

    /** The lua mode's admin server, as docs/drivers/nginx.md gives it; {@code PORT} and {@code SHA1} are filled in. */
    public static final String ADMIN_SERVER = """
                server {
                    listen 127.0.0.1:PORT;                        # loopback only: this switches traffic
                    access_log off;                               # the token is in a header; keep it out of logs anyway
                    allow 127.0.0.1;
                    deny all;
                    set $bluegreen_token_sha1 "SHA1";             # printf %s "$TOKEN" | sha1sum
                    location ~ ^/bluegreen/(?<bluegreen_service>[A-Za-z0-9_]+)$ {
                        content_by_lua_block {
                            local function answer(status, fields)
                                ngx.status = status
                                ngx.header["Content-Type"] = "application/json"
                                ngx.say('{"bluegreen":"nginx-lua",' .. fields .. '}')
                            end
                            local token = (ngx.var.http_authorization or ""):match("^Bearer (.+)$")
                            local hash = token and ngx.sha1_bin(token):gsub(".", function(c) return string.format("%02x", c:byte()) end)
                            if hash ~= ngx.var.bluegreen_token_sha1 then
                                return answer(401, '"error":"token refused"')
                            end
                            local service = ngx.var.bluegreen_service
                            local file = ngx.var["bluegreen_" .. service .. "_file"]
                            if not file then
                                return answer(404, '"error":"unknown service ' .. service .. '"')
                            end
                            local dict = ngx.shared.bluegreen
                            if ngx.req.get_method() == "PUT" then
                                local color = ngx.var.arg_color
                                if color ~= "blue" and color ~= "green" then
                                    return answer(400, '"error":"color must be blue or green"')
                                end
                                local draining = ngx.var.arg_draining -- sessions: drain; a PUT without it ends a drain
                                if draining and draining ~= (color == "blue" and "green" or "blue") then
                                    return answer(400, '"error":"draining must be the other colour"')
                                end
                                if draining then                      -- pinned sessions keep the old colour first
                                    dict:set(service .. ":draining", draining)
                                end
                                dict:set(service, color)
                                if not draining then                  -- and lose it only once the colour is set
                                    dict:delete(service .. ":draining")
                                end
                            else
                                dict:add(service, file)               -- first call after a start: the file's colour
                            end
                            answer(200, '"service":"' .. service .. '","live":"' .. dict:get(service)
                                .. '","draining":"' .. (dict:get(service .. ":draining") or "")
                                .. '","served":{"blue":' .. (dict:get(service .. ":served:blue") or 0)
                                .. ',"green":' .. (dict:get(service .. ":served:green") or 0) .. '}')
                        }
                    }
                }
            """;

    /** The lua mode's routing, inside the public {@code location}, for the upstream {@code SERVICE}. */
    public static final String ROUTE = """
                        set_by_lua_block $bluegreen_upstream {
                            local dict = ngx.shared.bluegreen
                            local live = dict:get("SERVICE")
                            if not live then                          -- first request after a start: the file's colour
                                dict:add("SERVICE", ngx.var.bluegreen_SERVICE_file)
                                live = dict:get("SERVICE")
                            end
                            return "SERVICE_" .. live
                        }
                        proxy_pass http://$bluegreen_upstream;
            """;

    /**
     * The lua mode's routing for a service with {@code sessions: drain}, for the upstream {@code SERVICE} and the
     * cookie {@code COOKIE}: during a drain a request whose cookie names the draining colour goes there; every
     * answer pins its session with the cookie; each colour's requests are counted for the drain's report.
     */
    public static final String SESSIONS_ROUTE = """
                        set_by_lua_block $bluegreen_color {
                            local dict = ngx.shared.bluegreen
                            local live = dict:get("SERVICE")
                            if not live then                          -- first request after a start: the file's colour
                                dict:add("SERVICE", ngx.var.bluegreen_SERVICE_file)
                                live = dict:get("SERVICE")
                            end
                            local draining = dict:get("SERVICE:draining")
                            if draining and ngx.var.cookie_COOKIE == draining then
                                live = draining                       -- a session pinned to the old colour, while it drains
                            end
                            dict:incr("SERVICE:served:" .. live, 1, 0)
                            return live
                        }
                        proxy_pass http://SERVICE_$bluegreen_color;
                        add_header Set-Cookie "COOKIE=$bluegreen_color; Path=/; HttpOnly" always;
            """;

    private NginxLab() {}

    public static LabRouter start(String blueUrl, String greenUrl) {
        return start(blueUrl, greenUrl, false, null);
    }

    public static LabRouter startLua(String blueUrl, String greenUrl) {
        return start(blueUrl, greenUrl, true, null);
    }

    /** The lua mode with {@link #SESSIONS_ROUTE}: sessions pinned by {@code cookie}, for a session drain. */
    public static LabRouter startLuaWithSessionCookie(String blueUrl, String greenUrl, String cookie) {
        return start(blueUrl, greenUrl, true, cookie);
    }

    /** Whether nginx and its lua module are installed. */
    public static boolean luaInstalled() {
        return RouterBinaries.find("nginx").isPresent() && LUA_MODULES.stream().allMatch(Files::isReadable);
    }

    private static LabRouter start(String blueUrl, String greenUrl, boolean lua, String cookie) {
        Path binary = RouterBinaries.require("nginx");
        Path dir = LabRouter.newDir(lua ? "nginx-lua" : "nginx");
        int port = RouterProcess.freePort();
        int adminPort = lua ? RouterProcess.freePort() : 0;
        Path conf = dir.resolve("nginx.conf");
        Path include = dir.resolve("upstream-app.conf");
        String publicUrl = "http://127.0.0.1:" + port + "/";
        List<String> base = List.of(binary.toString(), "-p", dir + "/", "-c", conf.toString(), "-e", dir.resolve("error.log").toString());
        String token = lua ? newToken() : null;
        Path tokenFile = dir.resolve("admin.token");
        NginxDriverConfig config = new NginxDriverConfig(include.toString(), "app", LabRouter.hostPort(blueUrl),
                LabRouter.hostPort(greenUrl), 32, with(base, "-t", "-q"), with(base, "-s", "reload"), publicUrl, null, null,
                lua ? NginxDriverConfig.LUA : NginxDriverConfig.RELOAD, lua ? "http://127.0.0.1:" + adminPort : null,
                lua ? "file:" + tokenFile : null);
        if (lua) {
            LabRouter.write(tokenFile, token + "\n");
        }
        OkHttpClient http = new OkHttpClient();
        LabRouter.write(include, lua ? ((NginxLuaDriver) config.create(http, LabRouter.fileSecrets())).render(Color.BLUE)
                : new NginxDriver(config, http).render(Color.BLUE));
        LabRouter.write(conf, String.join("\n",
                lua ? "load_module " + LUA_MODULES.get(0) + ";\nload_module " + LUA_MODULES.get(1) + ";" : "",
                "worker_processes " + (lua ? 2 : 1) + ";",
                "pid " + dir.resolve("nginx.pid") + ";",
                "error_log " + dir.resolve("error.log") + " warn;",
                "# Old workers exit when their last request ends, or after this at the latest.",
                "worker_shutdown_timeout 10s;",
                "events { worker_connections 1024; }",
                "http {",
                "    access_log off;",
                "    keepalive_timeout 65s;",
                lua ? "    lua_shared_dict bluegreen 1m;" : "",
                "    include " + include + ";",
                "    server {",
                "        listen 127.0.0.1:" + port + ";",
                "        location / {",
                !lua ? "            proxy_pass http://app;" : (cookie == null ? ROUTE
                        : SESSIONS_ROUTE.replace("COOKIE", cookie)).replace("SERVICE", config.upstream()).stripTrailing(),
                "            proxy_http_version 1.1;",
                "            proxy_set_header Connection \"\";",
                "        }",
                "    }",
                lua ? ADMIN_SERVER.replace("PORT", String.valueOf(adminPort)).replace("SHA1", sha1Hex(token)).stripTrailing() : "",
                "}",
                ""));
        RouterProcess process = new RouterProcess("nginx", with(base, "-g", "daemon off;"), Map.of(), dir,
                lua ? List.of(port, adminPort) : List.of(port));
        process.start();
        return new LabRouter(lua ? "nginx-lua" : "nginx", config, publicUrl, dir, process);
    }

    private static String newToken() {
        byte[] bytes = new byte[24];
        new SecureRandom().nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    /** What nginx's config holds instead of the token. */
    public static String sha1Hex(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 is missing from this Java", e);
        }
    }

    private static List<String> with(List<String> base, String... more) {
        List<String> command = new ArrayList<>(base);
        command.addAll(List.of(more));
        return command;
    }
}
