package io.jenkins.plugins.bluegreen.release;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.bluegreen.driver.DriverException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class DriverCallsTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    @Test
    void aDriverThatBoundsItsOwnCallsIsCalledOnTheCallersThread() {
        Thread caller = Thread.currentThread();

        assertThat(DriverCalls.call("haproxy", "observeLive()", TIMEOUT, true, Thread::currentThread)).isSameAs(caller);
        assertThat(DriverCalls.call("command", "observeLive()", TIMEOUT, false, Thread::currentThread)).isNotSameAs(caller);
    }

    @Test
    void failuresOfACallOnTheCallersThreadAreDriverExceptionsNamingTheCall() {
        DriverException refused = new DriverException("haproxy router at 127.0.0.1:1: refused");

        assertThatThrownBy(() -> DriverCalls.call("haproxy", "switchTo(green)", TIMEOUT, true, () -> {
            throw refused;
        })).isSameAs(refused);
        assertThatThrownBy(() -> DriverCalls.call("haproxy", "switchTo(green)", TIMEOUT, true, () -> {
            throw new IllegalStateException("bug");
        })).isInstanceOf(DriverException.class).hasMessage("haproxy router: switchTo(green) failed: java.lang.IllegalStateException: bug");
    }

    @Test
    void aCallOnADriverThreadEndsAtTheTimeoutWhateverTheDriverDoes() {
        assertThatThrownBy(() -> DriverCalls.call("command", "switchTo(green)", Duration.ofMillis(100), false, () -> {
            sleepUninterruptibly(Duration.ofSeconds(2));
            return null;
        })).isInstanceOf(DriverTimeoutException.class).hasMessageContaining("did not answer switchTo(green) within");
    }

    private static void sleepUninterruptibly(Duration duration) {
        long end = System.nanoTime() + duration.toNanos();
        while (System.nanoTime() < end) {
            try {
                Thread.sleep(Math.max(1, (end - System.nanoTime()) / 1_000_000));
            } catch (InterruptedException ignored) {
                // a driver that ignores interrupts
            }
        }
    }
}
