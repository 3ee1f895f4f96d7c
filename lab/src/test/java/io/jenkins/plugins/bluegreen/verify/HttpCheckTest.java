package io.jenkins.plugins.bluegreen.verify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.bluegreen.demo.DemoBackend;
import io.jenkins.plugins.bluegreen.model.BadInputException;
import io.jenkins.plugins.bluegreen.model.CheckResult;
import io.jenkins.plugins.bluegreen.model.Color;
import io.jenkins.plugins.bluegreen.model.Outcome;
import java.time.Duration;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Checks against a real loopback backend. */
class HttpCheckTest {

    private static final OkHttpClient HTTP = new OkHttpClient();
    private static DemoBackend green;
    private static CheckTarget target;

    @BeforeAll
    static void start() throws Exception {
        green = DemoBackend.start(Color.GREEN, "2.0", 0);
        target = new CheckTarget("shop", Color.GREEN, "2.0", green.url());
    }

    @AfterAll
    static void stop() {
        green.close();
    }

    private static HttpCheck check(String path, int status, String contains, String regex, String pointer, String equals, Duration maxLatency, int streak) {
        return new HttpCheck(path, status, contains, regex, pointer, equals, maxLatency, streak, Duration.ofMillis(10), Duration.ofMillis(800));
    }

    @Test
    void passesWhenEveryExpectationHoldsTheGivenTimesInARow() {
        CheckResult result = check("/", 200, "\"color\"", "\"version\":\"2\\.0\"", "/color", "green", Duration.ofSeconds(5), 3).run(target, HTTP);

        assertThat(result.outcome()).isEqualTo(Outcome.SUCCESSFUL);
        assertThat(result.attempts()).isEqualTo(3);
        assertThat(result.detail()).contains("passed 3 time(s) in a row");
    }

    @Test
    void aWrongAnswerIsFailedAndSaysWhatWasExpected() {
        assertThat(check("/", 200, null, null, "/color", "blue", null, 1).run(target, HTTP))
                .satisfies(r -> {
                    assertThat(r.outcome()).isEqualTo(Outcome.FAILED);
                    assertThat(r.detail()).contains("expected /color = 'blue' but found 'green'");
                });
        assertThat(check("/health", 204, null, null, null, null, null, 1).run(target, HTTP).detail())
                .contains("expected HTTP 204 but got 200");
        assertThat(check("/", 200, "nope", null, null, null, null, 1).run(target, HTTP).detail())
                .contains("does not contain 'nope'");
        assertThat(check("/slow", 200, null, null, null, null, Duration.ofMillis(1), 1).run(target, HTTP).outcome())
                .isIn(Outcome.FAILED, Outcome.ERROR);
    }

    @Test
    void noAnswerIsAnErrorNotAFailure() throws Exception {
        DemoBackend gone = DemoBackend.start(Color.BLUE, "1.0", 0);
        String url = gone.url();
        gone.close();

        CheckResult result = check("/health", 200, null, null, null, null, null, 1)
                .run(new CheckTarget("shop", Color.BLUE, "1.0", url), HTTP);

        assertThat(result.outcome()).isEqualTo(Outcome.ERROR);
        assertThat(result.detail()).contains("no answer from " + url + "/health");
    }

    @Test
    void warmUpJudgesTheP95OfTheWarmHalf() {
        CheckResult result = new WarmUpCheck("/", 40, Duration.ofSeconds(2), null).run(target, HTTP);

        assertThat(result.outcome()).as(result.detail()).isEqualTo(Outcome.SUCCESSFUL);
        assertThat(result.attempts()).isEqualTo(40);
        assertThat(result.detail()).startsWith("p95 after warm-up");
    }

    @Test
    void badSettingsNameTheField() {
        assertThatThrownBy(() -> check("health", 200, null, null, null, null, null, 1))
                .isInstanceOf(BadInputException.class).hasMessageStartingWith("httpCheck.path:");
        assertThatThrownBy(() -> check("/", 200, null, "([", null, null, null, 1))
                .hasMessageStartingWith("httpCheck.bodyRegex:");
        assertThatThrownBy(() -> check("/", 200, null, null, "/color", null, null, 1))
                .hasMessageStartingWith("httpCheck.jsonEquals:");
        assertThatThrownBy(() -> check("/", 700, null, null, null, null, null, 1))
                .hasMessageStartingWith("httpCheck.expectedStatus:");
        assertThatThrownBy(() -> new WarmUpCheck("/", 1, Duration.ofMillis(100), null))
                .hasMessageStartingWith("warmUp.requests:");
    }
}
