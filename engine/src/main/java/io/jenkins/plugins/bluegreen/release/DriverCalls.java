package io.jenkins.plugins.bluegreen.release;

import io.jenkins.plugins.bluegreen.driver.DriverException;
import io.jenkins.plugins.bluegreen.model.Durations;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * Runs router calls with a hard timeout, whatever the driver does, and turns every failure into a DriverException.
 * A driver that bounds its own calls ({@link io.jenkins.plugins.bluegreen.driver.TrafficDriver#boundsItsOwnCalls()})
 * is called on the caller's thread, without the hand-off to a driver thread and back.
 */
final class DriverCalls {

    private static final ExecutorService CALLS = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "bluegreen-driver-call");
        thread.setDaemon(true);
        return thread;
    });

    private DriverCalls() {}

    static <T> T call(String router, String what, Duration timeout, boolean boundedByDriver, Supplier<T> action) {
        if (!boundedByDriver) {
            return call(router, what, timeout, action);
        }
        try {
            return action.get();
        } catch (DriverException e) {
            throw e;
        } catch (RuntimeException e) {
            throw failed(router, what, e);
        }
    }

    static <T> T call(String router, String what, Duration timeout, Supplier<T> action) {
        Future<T> future = CALLS.submit(action::get);
        try {
            return future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            future.cancel(true);
            throw new DriverTimeoutException(router + " router did not answer " + what + " within " + Durations.format(timeout)
                    + "; the outcome is unknown. Check that the router is up, then run 'status' to see what it serves");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof DriverException driverException) {
                throw driverException;
            }
            throw failed(router, what, cause);
        } catch (InterruptedException e) {
            future.cancel(true);
            Thread.currentThread().interrupt();
            throw new DriverException(router + " router: interrupted during " + what, e);
        }
    }

    private static DriverException failed(String router, String what, Throwable cause) {
        return new DriverException(router + " router: " + what + " failed: " + cause, cause);
    }

    static void run(String router, String what, Duration timeout, Runnable action) {
        call(router, what, timeout, () -> {
            action.run();
            return null;
        });
    }
}
