package io.jenkins.plugins.bluegreen.view;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class TimesTest {

    private static final Instant NOW = Instant.parse("2026-12-01T07:41:20Z");

    @Test
    void aPastTimeIsRelativeAndKeepsTheExactMomentForTheTooltip() {
        Times times = Times.of(Instant.parse("2026-12-01T07:39:43.886632349Z"), NOW);

        assertThat(times.relative()).isEqualTo("1 min 36 sec ago");
        assertThat(times.iso()).isEqualTo("2026-12-01T07:39:43.886632349Z");
        assertThat(times.date().toInstant()).isEqualTo(Instant.parse("2026-12-01T07:39:43.886Z"));
    }

    @Test
    void aDeadlineIsInTheFuture() {
        assertThat(Times.of(NOW.plus(Duration.ofMinutes(59)), NOW).relative()).isEqualTo("in 59 min");
        assertThat(Times.of(NOW.plus(Duration.ofHours(25)), NOW).relative()).isEqualTo("in 1 day 1 hr");
    }

    @Test
    void theTwoLargestUnitsAsJenkinsShowsThem() {
        assertThat(Times.span(Duration.ofSeconds(45))).isEqualTo("45 sec");
        assertThat(Times.span(Duration.ofSeconds(125))).isEqualTo("2 min 5 sec");
        assertThat(Times.span(Duration.ofMinutes(190))).isEqualTo("3 hr 10 min");
        assertThat(Times.span(Duration.ofHours(52))).isEqualTo("2 days 4 hr");
        assertThat(Times.span(Duration.ofHours(24))).isEqualTo("1 day");
        assertThat(Times.span(Duration.ofDays(400))).isEqualTo("1 yr 1 mo");
        assertThat(Times.span(Duration.ofMillis(300))).isEqualTo("300 ms");
    }

    @Test
    void nowAndNothing() {
        assertThat(Times.of(NOW, NOW).relative()).isEqualTo("just now");
        assertThat(Times.of(null, NOW)).isEqualTo(new Times("", ""));
        assertThat(Times.of(null, NOW).date()).isNull();
        assertThat(Times.ofIso("", NOW)).isEqualTo(new Times("", ""));
        assertThat(Times.ofIso("2026-12-01T07:41:10Z", NOW).relative()).isEqualTo("10 sec ago");
    }
}
