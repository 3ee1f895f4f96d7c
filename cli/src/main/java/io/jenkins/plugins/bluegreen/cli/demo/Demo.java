package io.jenkins.plugins.bluegreen.cli.demo;

import io.jenkins.plugins.bluegreen.approval.ApprovalGate;
import io.jenkins.plugins.bluegreen.approval.ApprovalPolicy;
import io.jenkins.plugins.bluegreen.cli.output.DriftTable;
import io.jenkins.plugins.bluegreen.cli.output.ReportFiles;
import io.jenkins.plugins.bluegreen.demo.DemoBackend;
import io.jenkins.plugins.bluegreen.lab.LoadGenerator;
import io.jenkins.plugins.bluegreen.model.Color;
import io.jenkins.plugins.bluegreen.model.ConfigDrift;
import io.jenkins.plugins.bluegreen.model.IdleCost;
import io.jenkins.plugins.bluegreen.model.IdleStandby;
import io.jenkins.plugins.bluegreen.model.Outcome;
import io.jenkins.plugins.bluegreen.model.RefusedException;
import io.jenkins.plugins.bluegreen.release.BlueGreenEngine;
import io.jenkins.plugins.bluegreen.release.ReleaseLog;
import io.jenkins.plugins.bluegreen.release.Results;
import io.jenkins.plugins.bluegreen.release.ServiceDefinition;
import io.jenkins.plugins.bluegreen.store.JsonFileStateStore;
import io.jenkins.plugins.bluegreen.verify.Check;
import io.jenkins.plugins.bluegreen.verify.HttpCheck;
import io.jenkins.plugins.bluegreen.verify.VerifyTarget;
import io.jenkins.plugins.bluegreen.verify.WarmUpCheck;
import io.jenkins.plugins.bluegreen.verify.drift.DriftPolicy;
import io.jenkins.plugins.bluegreen.verify.drift.FingerprintSettings;
import io.jenkins.plugins.bluegreen.view.ConfigDriftView;
import io.jenkins.plugins.bluegreen.watch.WatchPolicy;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;

/**
 * A whole release on loopback with nothing installed: two versions of {@link DemoBackend}, the embedded router (or a
 * real one from the router lab), a bounded load through the router, deploy, verify, approve, switch, watch, a rollback drill, and a summary.
 * Everything it starts, it stops.
 */
public final class Demo {

    static final String SERVICE = "demo-shop";
    /** Keep-alive connections of the load; few, so that the load leaves the demo's own steps some CPU on small machines. */
    private static final int LOAD_CONNECTIONS = 2;
    /** How long the load runs: through the second deployment, the cutover's watch window and the drill. */
    private static final Duration LOAD_DURATION = Duration.ofSeconds(10);

    /** Watch probes per second through the public URL; their interval is the resolution of every time measured. */
    static final int PROBES_PER_SECOND = 50;

    /** How long a request sent to the old colour just before the cutover takes, so that it is still in flight. */
    static final long IN_FLIGHT_MILLIS = 1500;

    /** The feature flag the demo's 2.0 turns on: the configuration drift that its approval accepts. */
    static final String DRIFTING_FLAG = "features.newCheckout";
    /** The same on both colours: compared by hash, so it is no drift, and never printed. */
    static final String DEMO_PASSWORD = "demo-only-not-a-real-password";

    /**
     * What the demo measured and where it wrote its files.
     *
     * @param drift how green's configuration differed from blue's at verification
     * @param standby the idle blue colour at the end: how long it has been kept, until when, what it cost
     */
    public record Summary(LoadGenerator.Result load, Results.Switched cutover, InFlight inFlight, Results.Drilled drill,
            ReportFiles.Written report, Path stateDirectory, ConfigDrift drift, IdleStandby standby) {}

    /** The slow request that was in flight across the cutover: who answered it, with what, after how long. */
    public record InFlight(String color, int status, long millis) {}

    private final PrintWriter out;
    private final Path stateDirectory;
    private final String routerName;
    private final long started = System.nanoTime();
    private final List<AutoCloseable> toStop = new ArrayList<>();

    /** @param routerName {@code embedded}, or a router of the lab: haproxy, nginx or caddy */
    public Demo(PrintWriter out, Path stateDirectory, String routerName) {
        this.out = out;
        this.stateDirectory = stateDirectory;
        this.routerName = routerName;
    }

    /**
     * The JDK's HTTP server behind {@link DemoBackend} writes headers and body separately; with Nagle's algorithm and
     * delayed ACKs every keep-alive answer then waits ~40 ms. Must run before the first server is created.
     */
    public static void answerWithoutNagleDelay() {
        System.setProperty("sun.net.httpserver.nodelay", "true");
    }

    public Summary run() throws Exception {
        answerWithoutNagleDelay();
        OkHttpClient http = new OkHttpClient.Builder().callTimeout(Duration.ofSeconds(10)).build();
        try {
            Map<Color, Integer> ports = new EnumMap<>(Color.class);
            for (Color color : Color.values()) {
                ports.put(color, freeLoopbackPort());
            }
            DemoRouter router = DemoRouter.start(routerName, url(ports.get(Color.BLUE)), url(ports.get(Color.GREEN)));
            toStop.add(router);
            say(router.describe());
            ServiceDefinition service = new ServiceDefinition(SERVICE,
                    Map.of(Color.BLUE, List.of(url(ports.get(Color.BLUE))), Color.GREEN, List.of(url(ports.get(Color.GREEN)))),
                    router.publicUrl(), null, router.driver(http),
                    new WatchPolicy(Duration.ofSeconds(3), PROBES_PER_SECOND, 0, true), null, null, null, Duration.ofHours(1))
                    .withFingerprint(new FingerprintSettings("/config", null, null, null, DriftPolicy.WARN, null))
                    .withIdleCost(IdleCost.parse("idleCostPerHour", "0.40 EUR"));
            ReleaseLog log = line -> say(line);
            BlueGreenEngine engine = new BlueGreenEngine(new JsonFileStateStore(stateDirectory), http, Clock.systemUTC(), log);
            List<Check> checks = List.of(HttpCheck.get("/health"), new WarmUpCheck("/", 200, Duration.ofMillis(250), null));
            BlueGreenEngine.SwitchOptions approvedByYes = new BlueGreenEngine.SwitchOptions("demo",
                    ApprovalGate.autoApprove("demo (--yes)"), new ApprovalPolicy(Duration.ofSeconds(30), ApprovalPolicy.OnTimeout.ABORT,
                            "demo release"), false);

            startBackend(Color.BLUE, "1.0", ports);
            say("1.0 already runs on blue behind the router, as a service does before bluegreen takes it over");
            engine.adopt(service, null, "1.0", "demo");
            LoadGenerator load = LoadGenerator.start(router.publicUrl() + "/", LOAD_CONNECTIONS, LOAD_DURATION);
            say("load: " + LOAD_CONNECTIONS + " keep-alive connections sending back to back through the router for "
                    + LOAD_DURATION.toSeconds() + " s");
            ConfigDrift drift = deployAndVerify(engine, service, checks, "2.0", ports);
            CompletableFuture<InFlight> inFlight = slowRequest(http, router.publicUrl());
            Results.Switched cutover = switchTo(engine, service, "2.0", approvedByYes);
            InFlight drained = inFlight.get(30, TimeUnit.SECONDS);
            say("the request in flight across the switch was answered " + drained.status() + " by " + drained.color()
                    + " after " + drained.millis() + " ms");
            say("rollback drill: back to blue, then forward to green");
            Results.Drilled drill = engine.drill(service, "demo");
            say("waiting for the load to finish");
            LoadGenerator.Result loadResult = load.await();
            ReportFiles.Written report = ReportFiles.write(stateDirectory, cutover.report(), drill.state(), "switch", null, out);
            IdleStandby standby = engine.status(service).standby().orElseThrow();
            say("standby: " + standby.describe());
            return new Summary(loadResult, cutover, drained, drill, report, stateDirectory, drift, standby);
        } finally {
            stopEverything();
            http.dispatcher().executorService().shutdown();
            http.connectionPool().evictAll();
        }
    }

    /**
     * Deploys {@code version} to the idle colour by starting its backend, and verifies it. Its configuration differs
     * from the live one's in one feature flag, so the verification is INCONCLUSIVE and the approval decides.
     */
    private ConfigDrift deployAndVerify(BlueGreenEngine engine, ServiceDefinition service, List<Check> checks, String version,
            Map<Color, Integer> ports) {
        engine.deploy(service, version, "demo", target -> startBackend(target.color(), version, ports));
        Results.Verified verified = engine.verify(service, checks, VerifyTarget.IDLE, "demo");
        ConfigDrift drift = verified.reports().get(0).configDrift();
        if (verified.outcome() != Outcome.INCONCLUSIVE || drift == null || !drift.drifted()) {
            throw new RefusedException("the demo's " + version + " should pass every check but differ in " + DRIFTING_FLAG
                    + "; its verification is " + verified.outcome());
        }
        say("verification INCONCLUSIVE: every check passed, but the configuration drifted; a person decides at the approval");
        DriftTable.lines(ConfigDriftView.of(drift), "  ").forEach(this::say);
        return drift;
    }

    /** Starts the demo app's {@code version} on the colour's port; 2.0 turns the new checkout on. */
    private void startBackend(Color color, String version, Map<Color, Integer> ports) throws IOException {
        DemoBackend backend = DemoBackend.start(color, version, ports.get(color));
        toStop.add(backend);
        backend.configuration("{\"color\":\"" + color.label() + "\",\"version\":\"" + version + "\",\"features\":{\"newCheckout\":\""
                + (version.equals("1.0") ? "off" : "on") + "\",\"search\":\"on\"},\"cache\":{\"ttlSeconds\":\"300\"},"
                + "\"db\":{\"password\":\"" + DEMO_PASSWORD + "\"}}");
    }

    private static Results.Switched switchTo(BlueGreenEngine engine, ServiceDefinition service, String version,
            BlueGreenEngine.SwitchOptions options) {
        Results.Switched switched = engine.switchTraffic(service, options);
        if (switched.autoRolledBack()) {
            throw new RefusedException("the watch window rolled the demo's " + version + " back: " + switched.report().summary());
        }
        return switched;
    }

    /** Sends a slow request through the router and waits until it has reached the backend, so it is in flight. */
    private CompletableFuture<InFlight> slowRequest(OkHttpClient http, String publicUrl) throws InterruptedException {
        Request request = new Request.Builder().url(publicUrl + "/slow?ms=" + IN_FLIGHT_MILLIS).build();
        CompletableFuture<InFlight> answer = CompletableFuture.supplyAsync(() -> {
            long sent = System.nanoTime();
            try (Response response = http.newCall(request).execute()) {
                response.body().string();
                return new InFlight(response.header("X-Color", "unknown"), response.code(), (System.nanoTime() - sent) / 1_000_000);
            } catch (IOException e) {
                return new InFlight("nobody (" + e.getMessage() + ")", 0, (System.nanoTime() - sent) / 1_000_000);
            }
        });
        TimeUnit.MILLISECONDS.sleep(IN_FLIGHT_MILLIS / 5);
        say("a " + IN_FLIGHT_MILLIS + " ms request is in flight to blue; switching now");
        return answer;
    }

    private void stopEverything() {
        for (int i = toStop.size() - 1; i >= 0; i--) {
            try {
                toStop.get(i).close();
            } catch (Exception e) {
                say("could not stop " + toStop.get(i).getClass().getSimpleName() + ": " + e.getMessage());
            }
        }
        toStop.clear();
    }

    private void say(String line) {
        synchronized (out) {
            out.printf("[%5.1fs] %s%n", (System.nanoTime() - started) / 1e9, line);
            out.flush();
        }
    }

    private static String url(int port) {
        return "http://127.0.0.1:" + port;
    }

    private static int freeLoopbackPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
