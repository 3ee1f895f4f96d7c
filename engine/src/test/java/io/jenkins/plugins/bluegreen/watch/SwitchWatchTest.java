package io.jenkins.plugins.bluegreen.watch;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.bluegreen.model.Color;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The watch's own bookkeeping, with a stand-in probe that the test holds and releases. */
class SwitchWatchTest {

    @Test
    void aProbeInFlightAcrossTheSwitchCallCountsFromTheCallAndOneAnsweredBeforeKeepsItsTime() throws Exception {
        CountDownLatch secondSent = new CountDownLatch(1);
        CountDownLatch switchMarked = new CountDownLatch(1);
        AtomicInteger sent = new AtomicInteger();
        Probe heldAcrossTheSwitch = atMillis -> {
            if (sent.incrementAndGet() == 2) {
                secondSent.countDown();
                await(switchMarked);
                sleep(3); // answered in a later millisecond than the switch call
                return new ProbeSample(atMillis, Color.GREEN, 200, 3_000, null);
            }
            return new ProbeSample(atMillis, sent.get() == 1 ? Color.BLUE : Color.GREEN, 200, 100, null);
        };

        try (SwitchWatch watch = SwitchWatch.start("shop", Color.BLUE, Color.GREEN, heldAcrossTheSwitch, 100, Clock.systemUTC())) {
            assertThat(secondSent.await(5, TimeUnit.SECONDS)).isTrue();
            sleep(3); // the switch call comes in a later millisecond than the probe was sent
            watch.markSwitch();
            switchMarked.countDown();
            assertThat(watch.awaitAllOn(Color.GREEN, 3, Duration.ofSeconds(5))).isTrue();
            SwitchReport report = watch.stop();

            assertThat(report.samples().get(0).color()).isEqualTo(Color.BLUE);
            assertThat(report.relativeMillis(report.samples().get(0))).isNegative();
            assertThat(report.samples().get(1).color()).isEqualTo(Color.GREEN);
            assertThat(report.relativeMillis(report.samples().get(1))).isZero();
            assertThat(report.samples()).filteredOn(s -> report.relativeMillis(s) < 0).extracting(ProbeSample::color)
                    .containsOnly(Color.BLUE);
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
