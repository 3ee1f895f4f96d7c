package io.jenkins.plugins.bluegreen.jenkins.state;

import hudson.util.DaemonThreadFactory;
import hudson.util.NamingThreadFactory;
import io.jenkins.plugins.bluegreen.release.Results.Status;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import jenkins.util.SystemProperties;

/**
 * What each service's router serves, read when a Blue/Green page is shown: one read per service at a time, kept for a
 * few seconds, and a page waits for it only briefly, so a slow router cannot hang the page (it shows the read as
 * pending, and the next view gets the answer).
 */
public final class RouterReads {

    /** How long a read is shown before the router is read again. */
    static final Duration FRESH = Duration.ofSeconds(SystemProperties.getInteger(RouterReads.class.getName() + ".freshSeconds", 10));
    /** How long a page waits for a read. */
    static final Duration PAGE_WAIT = Duration.ofMillis(SystemProperties.getInteger(RouterReads.class.getName() + ".pageWaitMillis", 3000));

    private static final ThreadPoolExecutor READS = new ThreadPoolExecutor(2, 2, 60, TimeUnit.SECONDS,
            new ArrayBlockingQueue<>(16), new NamingThreadFactory(new DaemonThreadFactory(), "BlueGreen router read"));
    private static final Map<String, Pending> READINGS = new ConcurrentHashMap<>();

    static {
        READS.allowCoreThreadTimeOut(true);
    }

    private RouterReads() {}

    /**
     * A read of the router, or why there is none.
     *
     * @param status the engine's status (record, router, drift), or {@code null} when the read failed or is pending
     * @param problem why there is no status, e.g. the router did not answer in time; {@code null} with a status
     * @param at when the read started
     */
    public record Reading(Status status, String problem, Instant at) {}

    private record Pending(Future<Status> future, Instant startedAt) {
        boolean usable(Instant now) {
            return !future.isDone() || startedAt.plus(FRESH).isAfter(now);
        }
    }

    /** The fresh read of {@code service}, reading the router with {@code read} when there is none. */
    static Reading of(String service, Callable<Status> read) {
        Instant now = Instant.now();
        Pending pending;
        try {
            pending = READINGS.compute(service, (name, old) -> old != null && old.usable(now) ? old : new Pending(READS.submit(read), now));
        } catch (RejectedExecutionException e) {
            return new Reading(null, "too many routers are being read; check the router again in a minute", now);
        }
        try {
            return new Reading(pending.future().get(PAGE_WAIT.toMillis(), TimeUnit.MILLISECONDS), null, pending.startedAt());
        } catch (TimeoutException e) {
            return new Reading(null, "the router did not answer within " + PAGE_WAIT.toMillis() + " ms; the read goes on,"
                    + " reload the page for its answer", pending.startedAt());
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            return new Reading(null, "the router could not be read: " + (cause.getMessage() == null ? cause.toString() : cause.getMessage()),
                    pending.startedAt());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Reading(null, "interrupted while reading the router", pending.startedAt());
        }
    }

    /** Forgets the read of {@code service}, so that the next page reads the router again ("Check router now"). */
    static void forget(String service) {
        READINGS.computeIfPresent(service, (name, old) -> old.future().isDone() ? null : old);
    }
}
