package io.jenkins.plugins.bluegreen.lab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.bluegreen.demo.DemoBackend;
import io.jenkins.plugins.bluegreen.model.BadInputException;
import io.jenkins.plugins.bluegreen.model.Color;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class LoadGeneratorTest {

    @Test
    void countsAnswersPerColourAndStopsByItself() throws Exception {
        try (DemoBackend green = DemoBackend.start(Color.GREEN, "2.0", 0)) {
            LoadGenerator.Result result = LoadGenerator.start(green.url() + "/", 2, Duration.ofMillis(300)).await();

            assertThat(result.requests()).isPositive();
            assertThat(result.failures()).isZero();
            assertThat(result.onColor(Color.GREEN)).isEqualTo(result.requests());
            assertThat(result.onColor(Color.BLUE)).isZero();
        }
    }

    @Test
    void countsServerErrorsAsFailures() throws Exception {
        try (DemoBackend blue = DemoBackend.start(Color.BLUE, "1.0", 0)) {
            blue.failing(true);
            LoadGenerator.Result result = LoadGenerator.start(blue.url() + "/", 1, Duration.ofMillis(200)).await();

            assertThat(result.failures()).isEqualTo(result.requests()).isPositive();
            assertThat(result.errorSamples()).first().isEqualTo("HTTP 500");
        }
    }

    @Test
    void refusesAnythingButLoopbackAndUnboundedLoads() {
        assertThatThrownBy(() -> LoadGenerator.start("http://192.0.2.1/", 1, Duration.ofSeconds(1)))
                .isInstanceOf(BadInputException.class).hasMessageContaining("loopback");
        assertThatThrownBy(() -> LoadGenerator.start("http://127.0.0.1:1/", 1000, Duration.ofSeconds(1)))
                .hasMessageStartingWith("connections:");
        assertThatThrownBy(() -> LoadGenerator.start("http://127.0.0.1:1/", 1, Duration.ofHours(1)))
                .hasMessageStartingWith("duration:");
    }
}
