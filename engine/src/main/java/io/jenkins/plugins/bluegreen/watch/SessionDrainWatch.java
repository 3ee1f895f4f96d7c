package io.jenkins.plugins.bluegreen.watch;

import io.jenkins.plugins.bluegreen.driver.SessionDrain.OldColorTraffic;
import io.jenkins.plugins.bluegreen.driver.SessionPolicy;
import io.jenkins.plugins.bluegreen.model.Color;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * Reads the old colour's counters through a session drain, on a background thread, from the switch until the drain
 * is due to end: the period has passed, the old colour served nothing for the idle interval, or traffic was moved
 * again by someone else (a rollback), which cancels the drain.
 */
public final class SessionDrainWatch {

    private final Color draining;
    private final SessionPolicy policy;
    private final Supplier<OldColorTraffic> traffic;
    private final BooleanSupplier switchStands;
    private final long switchNanos;
    private final List<SessionDrainReport.Sample> samples = new ArrayList<>();
    private final Thread thread;
    private long lastOldRequestMillis = -1;
    private long lastActiveMillis;
    private SessionDrainReport.Ending due;
    private long endingAtMillis = -1;

    private SessionDrainWatch(String service, Color draining, SessionPolicy policy, Supplier<OldColorTraffic> traffic,
            BooleanSupplier switchStands, long switchNanos) {
        this.draining = draining;
        this.policy = policy;
        this.traffic = traffic;
        this.switchStands = switchStands;
        this.switchNanos = switchNanos;
        this.thread = new Thread(this::loop, "bluegreen-drain-" + service);
        this.thread.setDaemon(true);
    }

    /**
     * Starts reading.
     *
     * @param traffic reads the old colour's counters from the router
     * @param switchStands whether the switch that started the drain still stands (nothing moved traffic since)
     * @param switchNanos the {@link System#nanoTime()} of the switch call: the period and the report count from it
     */
    public static SessionDrainWatch start(String service, Color draining, SessionPolicy policy, Supplier<OldColorTraffic> traffic,
            BooleanSupplier switchStands, long switchNanos) {
        SessionDrainWatch watch = new SessionDrainWatch(service, draining, policy, traffic, switchStands, switchNanos);
        watch.thread.start();
        return watch;
    }

    private void loop() {
        Long previous = null;
        long interval = policy.sampleInterval().toNanos();
        while (!Thread.currentThread().isInterrupted()) {
            long at = elapsedMillis();
            SessionDrainReport.Sample sample;
            try {
                OldColorTraffic now = traffic.get();
                long served = previous == null ? 0 : Math.max(0, now.requests() - previous);
                previous = now.requests();
                sample = new SessionDrainReport.Sample(at, served, now.inFlight(), null);
            } catch (RuntimeException e) {
                sample = new SessionDrainReport.Sample(at, 0, 0, e.getMessage());
            }
            SessionDrainReport.Ending ending = judge(sample, at);
            synchronized (this) {
                samples.add(sample);
                if (ending != null) {
                    due = ending;
                    notifyAll();
                    return;
                }
            }
            try {
                TimeUnit.NANOSECONDS.sleep(interval);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** Whether the drain is due to end after this sample; a reading that failed counts as activity (nothing ends on a guess). */
    private SessionDrainReport.Ending judge(SessionDrainReport.Sample sample, long at) {
        if (sample.requests() > 0 || sample.inFlight() > 0) {
            lastOldRequestMillis = at;
        }
        if (sample.requests() > 0 || sample.inFlight() > 0 || sample.error() != null) {
            lastActiveMillis = at;
        }
        if (!switchStands.getAsBoolean()) {
            return SessionDrainReport.Ending.ROLLED_BACK;
        }
        if (at >= policy.period().toMillis()) {
            return SessionDrainReport.Ending.PERIOD_ENDED;
        }
        return at - lastActiveMillis >= policy.idle().toMillis() ? SessionDrainReport.Ending.IDLE : null;
    }

    private long elapsedMillis() {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - switchNanos);
    }

    /** Waits until the drain is due to end (at most the period, plus one sample) and says why. */
    public SessionDrainReport.Ending awaitDue() throws InterruptedException {
        synchronized (this) {
            while (due == null && thread.isAlive()) {
                wait(policy.sampleInterval().toMillis());
            }
            return due == null ? SessionDrainReport.Ending.ABANDONED : due;
        }
    }

    /** Notes that the old colour is being given nothing from now on: the report's end of the drain. */
    public synchronized void markEnding() {
        endingAtMillis = elapsedMillis();
    }

    /**
     * Stops reading and reports the drain, which ended as {@code ending} at {@link #markEnding()} (or now, when a
     * rollback cancelled it); {@code detail} says more, or is {@code null}.
     */
    public SessionDrainReport stop(SessionDrainReport.Ending ending, String detail) {
        thread.interrupt();
        try {
            thread.join(TimeUnit.SECONDS.toMillis(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        synchronized (this) {
            return new SessionDrainReport(draining, policy, samples, lastOldRequestMillis, ending,
                    endingAtMillis >= 0 ? endingAtMillis : elapsedMillis(), detail);
        }
    }
}
