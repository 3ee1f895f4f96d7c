package io.jenkins.plugins.bluegreen.cli.demo;

import io.jenkins.plugins.bluegreen.approval.ApprovalGate;
import io.jenkins.plugins.bluegreen.approval.ApprovalPolicy;
import io.jenkins.plugins.bluegreen.cli.embedded.EmbeddedDriver;
import io.jenkins.plugins.bluegreen.cli.embedded.EmbeddedRouter;
import io.jenkins.plugins.bluegreen.cli.output.ReportFiles;
import io.jenkins.plugins.bluegreen.demo.DemoBackend;
import io.jenkins.plugins.bluegreen.model.Color;
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
import okhttp3.OkHttpClient;

/**
 * A whole release on loopback with nothing installed: two versions of {@link DemoBackend}, the embedded router, a
 * bounded load through the router, deploy, verify, approve, switch, watch, a rollback drill, and a summary.
 * Everything it starts, it stops.
 */
public final class Demo {

    static final String SERVICE = "demo-shop";
    private static final int LOAD_CLIENTS = 4;
    private static final int LOAD_RATE_PER_CLIENT = 100;
    private static final Duration LOAD_LIMIT = Duration.ofSeconds(50);

    /** What the demo measured and where it wrote its files. */
    public record Summary(LoadGenerator.Tally load, Results.Switched cutover, Results.Drilled drill, ReportFiles.Written report,
            Path stateDirectory) {}

    private final PrintWriter out;
    private final Path stateDirectory;
    private final long started = System.nanoTime();
    private final List<AutoCloseable> toStop = new ArrayList<>();
    private final Map<Color, DemoBackend> backends = new EnumMap<>(Color.class);

    public Demo(PrintWriter out, Path stateDirectory) {
        this.out = out;
        this.stateDirectory = stateDirectory;
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
            EmbeddedRouter router = EmbeddedRouter.start(url(ports.get(Color.BLUE)), url(ports.get(Color.GREEN)), Color.BLUE, 0, 0);
            toStop.add(router);
            say("embedded router on " + router.publicUrl() + " (admin " + router.adminUrl() + "), serving blue");
            ServiceDefinition service = new ServiceDefinition(SERVICE,
                    Map.of(Color.BLUE, List.of(url(ports.get(Color.BLUE))), Color.GREEN, List.of(url(ports.get(Color.GREEN)))),
                    router.publicUrl(), null, new EmbeddedDriver(http, router.adminUrl()),
                    new WatchPolicy(Duration.ofSeconds(3), 50, 0, true), null, null, null, null);
            ReleaseLog log = line -> say(line);
            BlueGreenEngine engine = new BlueGreenEngine(new JsonFileStateStore(stateDirectory), http, Clock.systemUTC(), log);
            List<Check> checks = List.of(HttpCheck.get("/health"), new WarmUpCheck("/", 200, Duration.ofMillis(250), null));
            BlueGreenEngine.SwitchOptions approvedByYes = new BlueGreenEngine.SwitchOptions("demo",
                    ApprovalGate.autoApprove("demo (--yes)"), new ApprovalPolicy(Duration.ofSeconds(30), ApprovalPolicy.OnTimeout.ABORT,
                            "demo release"), false);

            release(engine, service, checks, "1.0", ports, approvedByYes);
            LoadGenerator load = LoadGenerator.start(router.publicUrl(), LOAD_CLIENTS, LOAD_RATE_PER_CLIENT, LOAD_LIMIT);
            toStop.add(load);
            say("load: " + LOAD_CLIENTS + " keep-alive clients, up to " + LOAD_CLIENTS * LOAD_RATE_PER_CLIENT + " requests/s through the router");
            Results.Switched cutover = release(engine, service, checks, "2.0", ports, approvedByYes);
            say("rollback drill: back to blue, then forward to green");
            Results.Drilled drill = engine.drill(service, "demo");
            load.close();
            ReportFiles.Written report = ReportFiles.write(stateDirectory, cutover.report(), drill.state(), "switch", out);
            return new Summary(load.tally(), cutover, drill, report, stateDirectory);
        } finally {
            stopEverything();
            http.dispatcher().executorService().shutdown();
            http.connectionPool().evictAll();
        }
    }

    /** Deploys {@code version} to the idle colour (by starting its backend), verifies it, and switches to it. */
    private Results.Switched release(BlueGreenEngine engine, ServiceDefinition service, List<Check> checks, String version,
            Map<Color, Integer> ports, BlueGreenEngine.SwitchOptions options) {
        engine.deploy(service, version, "demo", target -> {
            DemoBackend backend = DemoBackend.start(target.color(), version, ports.get(target.color()));
            backends.put(target.color(), backend);
            toStop.add(backend);
        });
        Results.Verified verified = engine.verify(service, checks, VerifyTarget.IDLE, "demo");
        if (verified.outcome() != Outcome.SUCCESSFUL) {
            throw new RefusedException("the demo's " + version + " did not pass verification (" + verified.outcome() + ")");
        }
        Results.Switched switched = engine.switchTraffic(service, options);
        if (switched.autoRolledBack()) {
            throw new RefusedException("the watch window rolled the demo's " + version + " back: " + switched.report().summary());
        }
        return switched;
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
