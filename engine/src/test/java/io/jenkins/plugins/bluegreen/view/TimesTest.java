package io.jenkins.plugins.bluegreen.view;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class TimesTest {

    private static final Instant NOW = Instant.parse("2026-12-01T07:41:20Z");
    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    @Test
    void aPastTimeIsRelativeWithTheExactTimeInTheReadersZone() {
        Times times = Times.of(Instant.parse("2026-12-01T07:39:43.886632349Z"), NOW, BERLIN);

        assertThat(times.relative()).isEqualTo("1 min 36 sec ago");
        assertThat(times.exact()).isEqualTo("2026-12-01 08:39:43 CET");
        assertThat(times.iso()).isEqualTo("2026-12-01T07:39:43.886632349Z");
    }

    @Test
    void aDeadlineIsInTheFuture() {
        assertThat(Times.of(NOW.plus(Duration.ofMinutes(59)), NOW, ZoneId.of("UTC")).relative()).isEqualTo("in 59 min");
        assertThat(Times.of(NOW.plus(Duration.ofMinutes(59)), NOW, ZoneId.of("UTC")).exact()).isEqualTo("2026-12-01 08:40:20 UTC");
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
        assertThat(Times.of(NOW, NOW, BERLIN).relative()).isEqualTo("just now");
        assertThat(Times.of(null, NOW, BERLIN)).isEqualTo(new Times("", "", ""));
        assertThat(Times.ofIso("", NOW, BERLIN)).isEqualTo(new Times("", "", ""));
        assertThat(Times.ofIso("2026-12-01T07:41:10Z", NOW, BERLIN).relative()).isEqualTo("10 sec ago");
    }
}
