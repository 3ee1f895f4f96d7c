package io.jenkins.plugins.bluegreen.watch;

import static io.jenkins.plugins.bluegreen.model.Color.BLUE;
import static io.jenkins.plugins.bluegreen.model.Color.GREEN;
import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.bluegreen.model.Color;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SwitchReportTest {

    private static ProbeSample ok(long at, Color color) {
        return new ProbeSample(at, color, 200, 1000 + at, null);
    }

    @Test
    void derivesTheCutoverFigures() {
        SwitchReport report = new SwitchReport("shop", BLUE, GREEN, Instant.EPOCH, 100, List.of(
                ok(0, BLUE), ok(50, BLUE), ok(110, BLUE), ok(120, GREEN), ok(130, BLUE),
                new ProbeSample(140, null, 0, 0, "connection reset"), ok(150, GREEN), ok(160, GREEN)));

        assertThat(report.failures()).isEqualTo(1);
        assertThat(report.timeToFirstNewMillis()).isEqualTo(20);
        assertThat(report.timeToAllNewMillis()).as("settled at 150 ms, after the last BLUE answer").isEqualTo(50);
        assertThat(report.newColorShareAfterSwitch()).isEqualTo(3.0 / 5);
    }

    @Test
    void aSwitchThatNeverLandedHasNoSettlingTime() {
        SwitchReport report = new SwitchReport("shop", BLUE, GREEN, Instant.EPOCH, 0, List.of(ok(10, BLUE), ok(20, BLUE)));

        assertThat(report.timeToFirstNewMillis()).isEqualTo(-1);
        assertThat(report.timeToAllNewMillis()).isEqualTo(-1);
        assertThat(report.summary()).contains("2 probes, 0 failed");
    }

    @Test
    void aNewColourThatNeverAnsweredIsSaidInWordsAndNoTimeIsNegative() {
        SwitchReport report = new SwitchReport("shop", BLUE, GREEN, Instant.EPOCH, 40, List.of(
                new ProbeSample(20, null, 500, 1000, null), ok(30, BLUE), new ProbeSample(60, null, 0, 0, "connection refused")));

        assertThat(report.summary()).isEqualTo("BLUE -> GREEN: 3 probes, 2 failed, GREEN never answered, p99 1.0 ms");
        assertThat(report.firstFailures(3)).isEqualTo("at -20 ms HTTP 500; at +20 ms connection refused");
    }

    @Test
    void theSummaryGivesTheCutoverTimesWhenTheNewColourAnswered() {
        SwitchReport report = new SwitchReport("shop", BLUE, GREEN, Instant.EPOCH, 0, List.of(ok(0, BLUE), ok(20, GREEN), ok(40, GREEN)));

        assertThat(report.summary()).isEqualTo("BLUE -> GREEN: 3 probes, 0 failed, first GREEN after 20 ms, 100% GREEN after 20 ms, p99 1.0 ms");
    }

    @Test
    void markersReadTheColourFromHeaderJsonOrBody() {
        Map<String, String> headers = Map.of("X-Color", "Green");

        assertThat(ColorMarker.defaultMarker().read(headers::get, null)).contains(GREEN);
        assertThat(new ColorMarker.JsonPointerMarker("/deploy/color").read(h -> null, "{\"deploy\":{\"color\":\"blue\"}}")).contains(BLUE);
        assertThat(new ColorMarker.BodyRegex("served-by: (\\w+)").read(h -> null, "ok served-by: green")).contains(GREEN);
        assertThat(new ColorMarker.BodyRegex("served-by: (\\w+)").read(h -> null, "served-by: purple")).isEmpty();
    }
}
