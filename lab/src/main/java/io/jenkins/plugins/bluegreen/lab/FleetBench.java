package io.jenkins.plugins.bluegreen.lab;

import io.jenkins.plugins.bluegreen.demo.DemoBackend;
import io.jenkins.plugins.bluegreen.driver.DriverConfig;
import io.jenkins.plugins.bluegreen.driver.SecretSource;
import io.jenkins.plugins.bluegreen.driver.TrafficDriver;
import io.jenkins.plugins.bluegreen.drivers.fleet.FleetDriverConfig;
import io.jenkins.plugins.bluegreen.model.BadInputException;
import io.jenkins.plugins.bluegreen.model.Color;
import io.jenkins.plugins.bluegreen.release.BlueGreenEngine;
import io.jenkins.plugins.bluegreen.release.ReleaseLog;
import io.jenkins.plugins.bluegreen.release.ServiceDefinition;
import io.jenkins.plugins.bluegreen.store.InMemoryStateStore;
import io.jenkins.plugins.bluegreen.verify.HttpCheck;
import io.jenkins.plugins.bluegreen.verify.VerifyTarget;
import io.jenkins.plugins.bluegreen.watch.WatchPolicy;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import okhttp3.OkHttpClient;

/**
 * How long a fleet takes to move every router: for fleets of 1, 2, 4 and 8 real HAProxy (one blue and one green
 * backend behind all of them), each under its own keep-alive load, a full {@code switchTraffic} through the engine,
 * timed from the call to the last answer from the old colour on any router. The same with one router and the plain
 * haproxy driver (no fleet) is the baseline.
 */
public final class FleetBench {

    public static final String HEADING = "## Router fleets: every router on the new colour";
    public static final String SINGLE = "1 (haproxy driver, no fleet)";
    /** The goal from the fleet issue: 8 routers reach 100% new within this many times one router's time. */
    public static final double GOAL_FACTOR = 2;
    private static final int GOAL_ROUTERS = 8;
    /** Load around each switch: some before, the switch, the last old answers after. */
    private static final Duration LOAD = Duration.ofMillis(1500);
    private static final long BEFORE_SWITCH_MILLIS = 400;

    /**
     * @param sizes the fleet sizes, each 1 to 16
     * @param runs measured switches per size, after one warm-up switch
     * @param connections keep-alive connections of the load on each router
     */
    public record Settings(List<Integer> sizes, int runs, int connections) {
        public Settings {
            sizes = List.copyOf(sizes);
            if (sizes.isEmpty() || sizes.stream().anyMatch(size -> size < 1 || size > 16)) {
                throw new BadInputException("sizes", sizes + ": give fleet sizes from 1 to 16");
            }
            if (runs < 1 || runs > 20) {
                throw new BadInputException("runs", runs + " is out of range; use 1 to 20");
            }
            if (connections < 1 || connections > 16) {
                throw new BadInputException("connections", connections + " is out of range; use 1 to 16 per router");
            }
        }

        /** 1, 2, 4 and 8 routers, 3 switches each, 2 connections per router. */
        public static Settings defaults() {
            return new Settings(List.of(1, 2, 4, GOAL_ROUTERS), 3, 2);
        }
    }

    /**
     * All switches of one fleet size.
     *
     * @param routers the fleet size, or {@link #SINGLE} for the plain driver
     * @param toAllNewMillis from the switch call to the last answer from the old colour on any router, per run
     * @param switchCallMillis the engine's {@code switchTraffic} (health, compare-and-swap, switch, read-back of every router), per run
     */
    public record Row(String routers, long requests, long failed, List<Double> toAllNewMillis, List<Double> switchCallMillis) {}

    private FleetBench() {}

    public static boolean installed() {
        return RouterBinaries.find("haproxy").isPresent();
    }

    public static List<Row> run(Settings settings, Consumer<String> progress) {
        List<Row> rows = new ArrayList<>();
        rows.add(measure(1, false, settings, progress));
        for (int size : settings.sizes()) {
            rows.add(measure(size, true, settings, progress));
        }
        return rows;
    }

    private static Row measure(int size, boolean fleet, Settings settings, Consumer<String> progress) {
        String label = fleet ? String.valueOf(size) : SINGLE;
        progress.accept("fleet of " + label + " HAProxy: starting");
        List<LabRouter> routers = new ArrayList<>();
        try (DemoBackend blue = DemoBackend.start(Color.BLUE, "1.0", 0); DemoBackend green = DemoBackend.start(Color.GREEN, "2.0", 0)) {
            for (int i = 0; i < size; i++) {
                routers.add(HaproxyLab.start(blue.url(), green.url()));
            }
            OkHttpClient http = new OkHttpClient();
            List<DriverConfig> configs = routers.stream().map(LabRouter::driverConfig).toList();
            TrafficDriver driver = (fleet ? FleetDriverConfig.of(configs) : configs.get(0)).create(http, SecretSource.none());
            BlueGreenEngine engine = new BlueGreenEngine(new InMemoryStateStore(), http, Clock.systemUTC(), ReleaseLog.silent());
            ServiceDefinition def = ServiceDefinition.of("bench", driver).withUrls(blue.url(), green.url())
                    .withPublicUrl(routers.get(0).publicUrl(), new WatchPolicy(Duration.ZERO, 50, Integer.MAX_VALUE, false));
            LabRelease.liveOnBlueWithGreenStaged(engine, def, "bench");
            long requests = 0;
            long failed = 0;
            List<Double> toAllNew = new ArrayList<>();
            List<Double> calls = new ArrayList<>();
            // Run 0 warms up (class loading, JIT, first connections) and is not counted, so the first size is not slowed by it.
            for (int run = 0; run <= settings.runs(); run++) {
                progress.accept("fleet of " + label + " HAProxy: " + (run == 0 ? "warm-up switch" : "switch " + run + " of " + settings.runs()));
                if (run > 0) {
                    engine.rollback(def, "bench", "bench: back to blue for the next run");
                    engine.verify(def, List.of(HttpCheck.get("/health")), VerifyTarget.IDLE, "bench");
                }
                List<LoadGenerator> loads = routers.stream().map(r -> LoadGenerator.start(r.publicUrl(), settings.connections(), LOAD)).toList();
                sleep(BEFORE_SWITCH_MILLIS);
                long switchedAt = System.nanoTime();
                engine.switchTraffic(def, BlueGreenEngine.SwitchOptions.unattended("bench"));
                double call = (System.nanoTime() - switchedAt) / 1e6;
                long lastOld = switchedAt;
                for (LoadGenerator load : loads) {
                    LoadGenerator.Result result = load.await();
                    requests += run == 0 ? 0 : result.requests();
                    failed += run == 0 ? 0 : result.failures();
                    lastOld = Math.max(lastOld, result.lastSeenNanos().get(Color.BLUE));
                }
                if (run > 0) {
                    calls.add(call);
                    toAllNew.add((lastOld - switchedAt) / 1e6);
                }
            }
            http.dispatcher().executorService().shutdown();
            return new Row(label, requests, failed, toAllNew, calls);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the fleet bench's loopback backends", e);
        } finally {
            routers.forEach(LabRouter::close);
        }
    }

    /** The document's section: the rows and the goal. */
    public static String section(List<Row> rows, Settings settings, String command, String date) {
        StringBuilder text = new StringBuilder(HEADING + "\n\n");
        text.append("Written by `").append(command).append("` on ").append(date).append(String.format(Locale.ROOT,
                ". %d switch(es) per fleet size, blue to green through the engine (health, compare-and-swap, the switch and the"
                        + " read-back of every router), each router under its own load of %d keep-alive connection(s).%n%n",
                settings.runs(), settings.connections()));
        text.append("| routers | requests | failed | to 100% new on every router, ms median (max) | switch call, ms median (max) |\n");
        text.append("|---|---:|---:|---:|---:|\n");
        for (Row row : rows) {
            text.append(String.format(Locale.ROOT, "| %s | %d | %d | %s | %s |%n", row.routers(), row.requests(), row.failed(),
                    medianMax(row.toAllNewMillis()), medianMax(row.switchCallMillis())));
        }
        text.append("\nTo 100% new is measured by each router's load: from the switch call to the last answer from the old colour"
                + " on any router. The fleet calls its routers in parallel.\n\n");
        text.append("| goal | measured | met |\n|---|---|---|\n");
        Row single = rows.stream().filter(row -> row.routers().equals(SINGLE)).findFirst().orElse(null);
        Row eight = rows.stream().filter(row -> row.routers().equals(String.valueOf(GOAL_ROUTERS))).findFirst().orElse(null);
        if (single != null && eight != null) {
            double one = Bench.median(single.toAllNewMillis());
            double many = Bench.median(eight.toAllNewMillis());
            Bench.goal(text, GOAL_ROUTERS + " routers reach 100% new within " + Bench.fmt(GOAL_FACTOR) + " x one router (median)",
                    Bench.fmt(many) + " ms vs " + Bench.fmt(one) + " ms", many <= GOAL_FACTOR * one);
        }
        long failed = rows.stream().mapToLong(Row::failed).sum();
        Bench.goal(text, "fleets: 0 failed requests", failed + " failed of " + rows.stream().mapToLong(Row::requests).sum(), failed == 0);
        return text.toString();
    }

    private static String medianMax(List<Double> values) {
        return Bench.fmt(Bench.median(values)) + " (" + Bench.fmt(values.stream().mapToDouble(Double::doubleValue).max().orElse(0)) + ")";
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
