package io.jenkins.plugins.bluegreen.release;

import io.jenkins.plugins.bluegreen.model.Color;
import io.jenkins.plugins.bluegreen.model.Durations;
import io.jenkins.plugins.bluegreen.model.Event;
import io.jenkins.plugins.bluegreen.model.EventType;
import io.jenkins.plugins.bluegreen.model.ServiceState;
import io.jenkins.plugins.bluegreen.store.StateStore;
import io.jenkins.plugins.bluegreen.watch.Probe;
import io.jenkins.plugins.bluegreen.watch.SwitchWatch;
import java.time.Clock;
import java.time.Duration;
import java.util.function.Function;
import java.util.function.Supplier;
import okhttp3.OkHttpClient;

/**
 * What every release operation shares: the record, the HTTP client, the clock, the log, how the public URL is probed,
 * and whether this is a dry run; with the few steps they all take (the lease, an event, a driver call, a watch).
 * One per {@link BlueGreenEngine}, so that its operations never hold copies that could disagree.
 *
 * @param planning a dry run: nothing is called, run or saved; every step goes to the log, which collects the plan
 */
record ReleaseContext(StateStore store, OkHttpClient http, Clock clock, ReleaseLog log,
        Function<ServiceDefinition, Probe> probes, boolean planning) {

    /** How often the router is read again while it is awaited (a read-back, a TTL on every server). */
    static final Duration READ_BACK_POLL = Duration.ofMillis(5);

    interface LeasedWork<T> {
        T run();
    }

    <T> T underLease(ServiceDefinition def, String actor, LeasedWork<T> work) {
        try (StateStore.Lease ignored = store.acquire(def.name(), actor, def.leaseWait())) {
            return work.run();
        }
    }

    ServiceState record(ServiceDefinition def, EventType type, Color color, String version, String actor, String detail) {
        ServiceState state = store.load(def.name());
        return store.save(state.record(new Event(type, color, version, actor, clock.instant(), detail)));
    }

    <T> T driverCall(ServiceDefinition def, String what, Supplier<T> action) {
        return DriverCalls.call(def.driver().type(), what, def.driverTimeout(), def.driver().boundsItsOwnCalls(), action);
    }

    void driverRun(ServiceDefinition def, String what, Runnable action) {
        if (planning) {
            plan("call " + def.driver().type() + " driver " + what);
            return;
        }
        driverCall(def, what, () -> {
            action.run();
            return null;
        });
    }

    SwitchWatch startWatch(ServiceDefinition def, Color from, Color to) {
        if (def.publicUrl() == null) {
            return null;
        }
        if (planning) {
            plan("probe " + def.publicUrl() + " at " + def.watch().probesPerSecond() + "/s for " + Durations.format(def.watch().window())
                    + "; more than " + def.watch().maxFailures() + " failed probes " + (def.watch().autoRollback() ? "switch back" : "are reported"));
            return null;
        }
        return SwitchWatch.start(def.name(), from, to, probes.apply(def), def.watch().probesPerSecond(), clock);
    }

    /** In a dry run the log is the plan's collector (see {@link BlueGreenEngine#dryRun}), so logging a step records it. */
    void plan(String step) {
        log.info(step);
    }

    static String describeLive(ServiceState state) {
        return state.live() == null ? "nothing live" : state.liveEnvironment().describe();
    }

    static long elapsedMillis(long startNanos) {
        return (System.nanoTime() - startNanos) / 1_000_000;
    }

    static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
