package io.jenkins.plugins.bluegreen.cli.demo;

import io.jenkins.plugins.bluegreen.cli.embedded.EmbeddedDriver;
import io.jenkins.plugins.bluegreen.cli.embedded.EmbeddedRouter;
import io.jenkins.plugins.bluegreen.driver.TrafficDriver;
import io.jenkins.plugins.bluegreen.lab.LabRouter;
import io.jenkins.plugins.bluegreen.lab.RouterLab;
import io.jenkins.plugins.bluegreen.model.BadInputException;
import io.jenkins.plugins.bluegreen.model.Color;
import java.util.ArrayList;
import java.util.List;
import okhttp3.OkHttpClient;

/** The router the demo releases through: the embedded one, or a real HAProxy, nginx or Caddy from the router lab. */
interface DemoRouter extends AutoCloseable {

    String EMBEDDED = "embedded";

    /** Where the load and the watch probes go, without a trailing slash. */
    String publicUrl();

    TrafficDriver driver(OkHttpClient http);

    /** One line for the demo's log. */
    String describe();

    /** The routers {@code --router} accepts. */
    static List<String> names() {
        List<String> names = new ArrayList<>(List.of(EMBEDDED));
        names.addAll(RouterLab.ROUTERS);
        return names;
    }

    /** Starts {@code name} on loopback in front of the two colours, serving blue. */
    static DemoRouter start(String name, String blueUrl, String greenUrl) throws Exception {
        if (EMBEDDED.equals(name)) {
            return new Embedded(EmbeddedRouter.start(blueUrl, greenUrl, Color.BLUE, 0, 0));
        }
        if (!RouterLab.ROUTERS.contains(name)) {
            throw new BadInputException("--router", "'" + name + "' is not a demo router; use one of " + String.join(", ", names()));
        }
        if (!RouterLab.installed(name)) {
            throw new BadInputException("--router", name + " is not installed here; install it (e.g. 'apt-get install " + RouterLab.debianPackages(name)
                    + "') or run the demo with the embedded router");
        }
        return new Lab(RouterLab.start(name, blueUrl, greenUrl));
    }

    record Embedded(EmbeddedRouter router) implements DemoRouter {
        @Override
        public String publicUrl() {
            return router.publicUrl();
        }

        @Override
        public TrafficDriver driver(OkHttpClient http) {
            return new EmbeddedDriver(http, router.adminUrl());
        }

        @Override
        public String describe() {
            return "embedded router on " + router.publicUrl() + " (admin " + router.adminUrl() + "), serving blue";
        }

        @Override
        public void close() throws Exception {
            router.close();
        }
    }

    record Lab(LabRouter router) implements DemoRouter {
        @Override
        public String publicUrl() {
            return router.publicUrl().replaceAll("/+$", "");
        }

        @Override
        public TrafficDriver driver(OkHttpClient http) {
            return router.driverConfig().create(http, router.secrets());
        }

        @Override
        public String describe() {
            return router.name() + " (pid " + router.pid() + ") on " + publicUrl() + ", configured in " + router.dir();
        }

        @Override
        public void close() {
            router.close();
        }
    }
}
