package io.jenkins.plugins.bluegreen.lab;

import io.jenkins.plugins.bluegreen.model.BadInputException;
import java.util.List;

/** Starts any lab router by name, for the CLI's {@code demo --router} and {@code bench}. */
public final class RouterLab {

    public static final List<String> ROUTERS = List.of("haproxy", "nginx", "nginx-lua", "caddy", "caddy-dynamic");

    private RouterLab() {}

    /** Starts {@code router} in front of the two backends, blue live. */
    public static LabRouter start(String router, String blueUrl, String greenUrl) {
        return switch (router) {
            case "haproxy" -> HaproxyLab.start(blueUrl, greenUrl);
            case "nginx" -> NginxLab.start(blueUrl, greenUrl);
            case "nginx-lua" -> NginxLab.startLua(blueUrl, greenUrl);
            case "caddy" -> CaddyLab.start(blueUrl, greenUrl);
            case "caddy-dynamic" -> CaddyLab.startDynamic(blueUrl, greenUrl);
            default -> throw new BadInputException("router", "'" + router + "' is not a lab router; use one of " + ROUTERS);
        };
    }

    /** The Debian packages that install {@code router}, for messages. */
    public static String debianPackages(String router) {
        return switch (router) {
            case "nginx-lua" -> "nginx libnginx-mod-http-lua";
            case "caddy-dynamic" -> "caddy bind9";
            default -> router;
        };
    }

    /** Whether the router's program (and for nginx-lua, nginx's lua module; for caddy-dynamic, BIND) is installed here. */
    public static boolean installed(String router) {
        return switch (router) {
            case "nginx-lua" -> NginxLab.luaInstalled();
            case "caddy-dynamic" -> RouterBinaries.find("caddy").isPresent() && RouterBinaries.find("named").isPresent();
            default -> RouterBinaries.find(router).isPresent();
        };
    }
}
