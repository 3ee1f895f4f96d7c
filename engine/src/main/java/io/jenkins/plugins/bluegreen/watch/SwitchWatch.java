package io.jenkins.plugins.bluegreen.watch;

import io.jenkins.plugins.bluegreen.model.Color;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * Probes the public URL at a fixed rate on a background thread from before the switch until {@link #stop()}, and
 * keeps every sample. Started before the driver call so that the report shows the old colour, the cutover and the
 * new colour.
 */
public final class SwitchWatch implements AutoCloseable {

    /**
     * Probing threads, kept between watches: starting a thread waits until the new thread has run, which on a loaded
     * machine costs milliseconds of every switch call; a kept thread is handed the loop without that wait.
     */
    private static final ExecutorService PROBERS = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "bluegreen-watch");
        thread.setDaemon(true);
        return thread;
    });

    private final String service;
    private final Color from;
    private final Color to;
    private final Probe probe;
    private final long periodNanos;
    private final Instant startedAt;
    private final long startNanos;
    private final List<ProbeSample> samples = new ArrayList<>();
    private Future<?> loop;
    private volatile boolean running = true;
    private volatile long switchAtMillis = -1;

    private SwitchWatch(String service, Color from, Color to, Probe probe, int probesPerSecond, Clock clock) {
        this.service = service;
        this.from = from;
        this.to = to;
        this.probe = probe;
        this.periodNanos = TimeUnit.SECONDS.toNanos(1) / probesPerSecond;
        this.startedAt = clock.instant();
        this.startNanos = System.nanoTime();
    }

    public static SwitchWatch start(String service, Color from, Color to, Probe probe, int probesPerSecond, Clock clock) {
        SwitchWatch watch = new SwitchWatch(service, from, to, probe, probesPerSecond, clock);
        watch.loop = PROBERS.submit(watch::probeUntilStopped);
        return watch;
    }

    private void probeUntilStopped() {
        long next = System.nanoTime();
        while (running) {
            ProbeSample sample = fromTheSwitchIfInFlightAcrossIt(probeQuietly());
            synchronized (samples) {
                if (!running) {
                    return; // a probe answered (or cut short) after stop() belongs to no window
                }
                samples.add(sample);
                samples.notifyAll();
            }
            next += periodNanos;
            long sleep = next - System.nanoTime();
            if (sleep > 0) {
                try {
                    TimeUnit.NANOSECONDS.sleep(sleep);
                } catch (InterruptedException e) {
                    return;
                }
            } else {
                next = System.nanoTime();
            }
        }
    }

    /**
     * One probe that never ends the thread with an exception: stop() interrupts a probe in flight, and HTTP clients
     * written in Kotlin throw the undeclared InterruptedException, which would otherwise reach the user's terminal as
     * a stack trace although nothing went wrong.
     */
    private ProbeSample probeQuietly() {
        long atMillis = elapsedMillis();
        try {
            return probe.probe(atMillis);
        } catch (Exception e) {
            return new ProbeSample(atMillis, null, 0, 0, e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }

    /**
     * A probe sent before the switch call and answered after it may have been routed either way (a DNS probe that
     * resolves late gets the new answer), so it counts from the call: every probe before the call shows what served
     * before it. A sample's time is otherwise when it was sent.
     */
    private ProbeSample fromTheSwitchIfInFlightAcrossIt(ProbeSample sample) {
        long answeredAt = elapsedMillis();
        long switchAt = switchAtMillis;
        if (switchAt < 0 || sample.atMillis() >= switchAt || answeredAt <= switchAt) {
            return sample;
        }
        return new ProbeSample(switchAt, sample.color(), sample.status(), sample.latencyMicros(), sample.error());
    }

    private long elapsedMillis() {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos);
    }

    /** Notes the moment of the switch call; the report's times count from here. */
    public void markSwitch() {
        switchAtMillis = elapsedMillis();
    }

    public long failures() {
        synchronized (samples) {
            return samples.stream().filter(ProbeSample::failed).count();
        }
    }

    /**
     * Waits until {@code consecutive} probes in a row, sent after the switch, were answered by {@code color}.
     *
     * @return true when it happened within the timeout
     */
    public boolean awaitAllOn(Color color, int consecutive, Duration timeout) {
        return awaitSamples(recent -> {
            int run = 0;
            for (int i = recent.size() - 1; i >= 0 && recent.get(i).atMillis() >= switchAtMillis; i--) {
                if (recent.get(i).color() != color || recent.get(i).failed()) {
                    return false;
                }
                if (++run >= consecutive) {
                    return true;
                }
            }
            return false;
        }, timeout);
    }

    /** Waits out the window, returning early when failures pass {@code maxFailures}. Returns the failure count. */
    public long watch(Duration window, int maxFailures) {
        awaitSamples(recent -> recent.stream().filter(ProbeSample::failed).count() > maxFailures, window);
        return failures();
    }

    private boolean awaitSamples(Predicate<List<ProbeSample>> condition, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (samples) {
            while (!condition.test(samples)) {
                long remaining = deadline - System.nanoTime();
                if (remaining <= 0 || !running) {
                    return false;
                }
                try {
                    TimeUnit.NANOSECONDS.timedWait(samples, remaining);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            }
            return true;
        }
    }

    /**
     * Stops probing and returns what was seen. Does not wait for a probe in flight: its answer would come after the
     * window and is dropped, and waiting for it would add a probe's latency (tens of milliseconds through a loaded
     * router) to every switch call. The loop ends by itself once that probe returns.
     */
    public SwitchReport stop() {
        SwitchReport report;
        synchronized (samples) {
            running = false;
            samples.notifyAll();
            report = new SwitchReport(service, from, to, startedAt, Math.max(0, switchAtMillis), samples);
        }
        loop.cancel(true);
        return report;
    }

    @Override
    public void close() {
        stop();
    }
}
