package io.jenkins.plugins.bluegreen.release;

import static io.jenkins.plugins.bluegreen.model.Color.BLUE;
import static io.jenkins.plugins.bluegreen.model.Color.GREEN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.bluegreen.demo.DemoBackend;
import io.jenkins.plugins.bluegreen.driver.NoopDriver;
import io.jenkins.plugins.bluegreen.model.Event;
import io.jenkins.plugins.bluegreen.model.EventType;
import io.jenkins.plugins.bluegreen.model.IdleCost;
import io.jenkins.plugins.bluegreen.model.IdleStandby;
import io.jenkins.plugins.bluegreen.model.RefusedException;
import io.jenkins.plugins.bluegreen.release.BlueGreenEngine.SwitchOptions;
import io.jenkins.plugins.bluegreen.store.InMemoryStateStore;
import io.jenkins.plugins.bluegreen.verify.HttpCheck;
import io.jenkins.plugins.bluegreen.verify.VerifyTarget;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** How long the standby has been kept, when retire is due, and what the audit trail says when it ends. */
class StandbyIdleTimeTest {

    /** A clock the test moves forward, so that hours of idle time pass at once. */
    private static final class SettableClock extends Clock {
        private volatile Instant now = Instant.parse("2026-11-22T06:00:00Z");

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }

        void advance(Duration duration) {
            now = now.plus(duration);
        }
    }

    private final SettableClock clock = new SettableClock();
    private final InMemoryStateStore store = new InMemoryStateStore();
    private DemoBackend blue;
    private DemoBackend green;
    private BlueGreenEngine engine;
    private ServiceDefinition shop;

    @BeforeEach
    void greenLiveBlueStandby() throws Exception {
        blue = DemoBackend.start(BLUE, "1.0", 0);
        green = DemoBackend.start(GREEN, "2.0", 0);
        engine = new BlueGreenEngine(store, new OkHttpClient(), clock, line -> { });
        shop = ServiceDefinition.of("shop", new NoopDriver(BLUE)).withUrls(blue.url(), green.url())
                .withKeepOld(Duration.ofHours(1)).withIdleCost(IdleCost.parse("idleCostPerHour", "2.50 EUR"));
        engine.adopt(shop, null, "1.0", "ops");
        engine.deploy(shop, "2.0", "ops", target -> { });
        engine.verify(shop, List.of(HttpCheck.get("/health")), VerifyTarget.IDLE, "ops");
        engine.switchTraffic(shop, SwitchOptions.unattended("ops"));
    }

    @AfterEach
    void stop() {
        blue.close();
        green.close();
    }

    @Test
    void statusShowsTheIdleTimeTheDeadlineAndWhenRetireIsDue() {
        clock.advance(Duration.ofMinutes(30));
        IdleStandby early = engine.status(shop).standby().orElseThrow();
        assertThat(early.retireDue()).isFalse();
        assertThat(early.describe()).startsWith("BLUE (1.0) standby for 30m; kept until 2026-11-22T07:00:00Z").endsWith("idle cost 1.25 EUR (2.50 EUR/h)");

        clock.advance(Duration.ofMinutes(45));
        assertThat(engine.status(shop).standby().orElseThrow().retireDue()).isTrue();
    }

    @Test
    void verifyingTheStandbyDoesNotRestartItsIdleTime() {
        clock.advance(Duration.ofMinutes(50));
        engine.verify(shop, List.of(HttpCheck.get("/health")), VerifyTarget.BOTH, "ops");
        clock.advance(Duration.ofMinutes(15));
        assertThat(engine.status(shop).standby().orElseThrow().idleFor()).isEqualTo(Duration.ofMinutes(65));
    }

    @Test
    void retireIsRefusedInsideTheWindowAndRecordsTheIdleTimeItEnded() {
        clock.advance(Duration.ofMinutes(20));
        assertThatThrownBy(() -> engine.retire(shop, "ops", false)).isInstanceOf(RefusedException.class)
                .hasMessage("shop: BLUE (1.0) has been standby for 20m, less than the keep-old window of 1h (it ends"
                        + " 2026-11-22T07:00:00Z); wait, or force the retirement");

        clock.advance(Duration.ofMinutes(70));
        engine.retire(shop, "ops", false);

        assertThat(store.load("shop").events()).filteredOn(e -> e.type() == EventType.RETIRED).singleElement()
                .extracting(Event::detail).isEqualTo("BLUE (1.0) retired after 1h 30m idle (keep-old window 1h); idle cost"
                        + " 3.75 EUR (2.50 EUR/h); rollback is no longer possible");
        assertThat(engine.status(shop).standby()).isEmpty();
    }
}
