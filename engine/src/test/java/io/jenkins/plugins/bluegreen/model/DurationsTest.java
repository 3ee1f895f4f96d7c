package io.jenkins.plugins.bluegreen.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DurationsTest {

    @ParameterizedTest
    @CsvSource({"500ms,PT0.5S", "30s,PT30S", "5m,PT5M", "1h,PT1H", "2d,PT48H", " 60s ,PT1M"})
    void parsesEveryUnit(String text, Duration expected) {
        assertThat(Durations.parse("watch", text)).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "60", "1.5s", "-1s", "1 week", "s", "9999999999s"})
    void rejectsWhatIsNotADurationNamingTheFieldAndTheForm(String text) {
        assertThatThrownBy(() -> Durations.parse("approval.timeout", text))
                .isInstanceOf(BadInputException.class)
                .hasMessageStartingWith("approval.timeout: ")
                .hasMessageContaining("e.g. '500ms', '30s'");
    }

    @ParameterizedTest
    @CsvSource({"PT0.25S,250ms", "PT1M30S,90s", "PT2M,2m", "PT3H,3h", "PT0S,0s"})
    void formatsTheShortestExactForm(Duration duration, String expected) {
        assertThat(Durations.format(duration)).isEqualTo(expected);
        assertThat(Durations.parse("x", expected)).isEqualTo(duration);
    }
}
