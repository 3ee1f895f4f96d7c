package io.jenkins.plugins.bluegreen.lab;

import io.jenkins.plugins.bluegreen.driver.NoopDriver;
import io.jenkins.plugins.bluegreen.driver.SecretSource;
import io.jenkins.plugins.bluegreen.model.CheckResult;
import io.jenkins.plugins.bluegreen.model.Color;
import io.jenkins.plugins.bluegreen.model.Outcome;
import io.jenkins.plugins.bluegreen.model.ServiceState;
import io.jenkins.plugins.bluegreen.model.StateMachine;
import io.jenkins.plugins.bluegreen.model.VerificationReport;
import io.jenkins.plugins.bluegreen.release.BlueGreenEngine;
import io.jenkins.plugins.bluegreen.release.ReleaseLog;
import io.jenkins.plugins.bluegreen.release.ServiceDefinition;
import io.jenkins.plugins.bluegreen.store.JsonFileStateStore;
import io.jenkins.plugins.bluegreen.store.StateStore;
import io.jenkins.plugins.bluegreen.store.etcd.EtcdSettings;
import io.jenkins.plugins.bluegreen.store.etcd.EtcdStateStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import okhttp3.OkHttpClient;

/**
 * The switch call with the state and lock on a 3-member etcd cluster on loopback, against the JSON file store, in
 * the same run and interleaved. The router is the no-op driver, so what differs is the store: the lease, the loads
 * and the compare-and-swap save.
 */
public final class StoreBench {

    public static final String HEADING = "## Shared state: the switch call on etcd vs the file store";
    public static final int RUNS = 30;
    private static final int WARM_UP = 5;
    private static final double GOAL_EXTRA_MILLIS = 5;

    /** Milliseconds of each measured switch call, per store. */
    public record Result(List<Double> fileMillis, List<Double> etcdMillis) {}

    private StoreBench() {}

    public static boolean installed() {
        return RouterBinaries.find("etcd").isPresent();
    }

    public static Result run(int runs, Consumer<String> progress) {
        progress.accept("stores: starting a 3-member etcd cluster on loopback");
        try (EtcdLab etcd = EtcdLab.start(3)) {
            StateStore files = new JsonFileStateStore(Files.createTempDirectory("bluegreen-store-bench-"));
            StateStore shared = new EtcdStateStore(new EtcdSettings(etcd.endpoints(), "/bench-" + System.nanoTime() + "/", null, null, null),
                    null, SecretSource.none(), new OkHttpClient());
            Switching onFiles = new Switching(files);
            Switching onEtcd = new Switching(shared);
            for (int i = 0; i < WARM_UP; i++) {
                onFiles.once();
                onEtcd.once();
            }
            List<Double> fileMillis = new ArrayList<>();
            List<Double> etcdMillis = new ArrayList<>();
            for (int i = 0; i < runs; i++) {
                fileMillis.add(onFiles.once());
                etcdMillis.add(onEtcd.once());
            }
            progress.accept("stores: file " + Bench.fmt(Bench.median(fileMillis)) + " ms, etcd " + Bench.fmt(Bench.median(etcdMillis))
                    + " ms (median switch call)");
            return new Result(fileMillis, etcdMillis);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the file store's directory", e);
        }
    }

    /** One service on one store, switched back and forth; the idle colour is made ready before each timed call. */
    private static final class Switching {
        private static final Instant AT = Instant.parse("2026-12-01T00:00:00Z");
        private final StateStore store;
        private final BlueGreenEngine engine;
        private final ServiceDefinition shop = ServiceDefinition.of("shop", new NoopDriver());
        private int version;

        Switching(StateStore store) {
            this.store = store;
            this.engine = new BlueGreenEngine(store, new OkHttpClient(), Clock.systemUTC(), ReleaseLog.silent());
        }

        double once() {
            ServiceState state = store.load("shop");
            Color idle = state.idle();
            String next = "v" + ++version;
            state = StateMachine.finishDeploy(StateMachine.startDeploy(state, idle, next, List.of(), "bench", AT), idle, "bench", AT);
            store.save(StateMachine.recordVerification(state, VerificationReport.of(idle, next, "http://unused",
                    List.of(new CheckResult("bench", Outcome.SUCCESSFUL, "ok", 1, 0)), AT), "bench", AT));
            long started = System.nanoTime();
            engine.switchTraffic(shop, BlueGreenEngine.SwitchOptions.unattended("bench"));
            return (System.nanoTime() - started) / 1e6;
        }
    }

    public static String section(Result result, String command, String date) {
        double file = Bench.median(result.fileMillis());
        double etcd = Bench.median(result.etcdMillis());
        return HEADING + "\n\n"
                + "Written by `" + command + "` on " + date + ", " + result.fileMillis().size() + " switch calls per store after "
                + WARM_UP + " warm-up calls, interleaved. The no-op router, so only the store differs: etcd is a 3-member"
                + " cluster on loopback (lease grant and lock, loads, one compare-and-swap transaction, revoke); the file store"
                + " is the JSON file with its OS lock, fsync and rename.\n\n"
                + "| store | switch call, ms median (max) |\n|---|---:|\n"
                + "| file | " + Bench.medianMax(result.fileMillis()) + " |\n"
                + "| etcd | " + Bench.medianMax(result.etcdMillis()) + " |\n\n"
                + "| goal | measured | met |\n|---|---|---|\n"
                + "| etcd: the switch call at most the file store's + " + Bench.fmt(GOAL_EXTRA_MILLIS) + " ms (median) | "
                + Bench.fmt(etcd) + " ms vs " + Bench.fmt(file) + " ms | " + (etcd <= file + GOAL_EXTRA_MILLIS ? "yes" : "**no**") + " |\n";
    }
}
