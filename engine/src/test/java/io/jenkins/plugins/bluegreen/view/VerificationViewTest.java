package io.jenkins.plugins.bluegreen.view;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.bluegreen.model.CheckResult;
import io.jenkins.plugins.bluegreen.model.Color;
import io.jenkins.plugins.bluegreen.model.Outcome;
import io.jenkins.plugins.bluegreen.model.VerificationReport;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class VerificationViewTest {

    @Test
    void oneLinePerCheckWithASymbolAndTheOutcomeSaidOnce() {
        VerificationReport report = VerificationReport.of(Color.GREEN, "2.0", "http://127.0.0.1:8081",
                List.of(new CheckResult("http GET /health", Outcome.SUCCESSFUL, "200 as expected (last answer in 13 ms)", 2, 30),
                        new CheckResult("warm-up GET /", Outcome.FAILED, "p95 412 ms above 250 ms", 1, 900),
                        new CheckResult("configuration", Outcome.INCONCLUSIVE, "1 key differs", 1, 5),
                        new CheckResult("http GET /ready", Outcome.ERROR, "connection refused", 3, 60)),
                Instant.parse("2026-12-01T07:39:00Z"));

        VerificationView view = VerificationView.of(report);

        assertThat(view.heading()).isEqualTo("GREEN (2.0): failed");
        assertThat(view.symbol()).isEqualTo("✘");
        assertThat(view.checks()).extracting(CheckLineView::toString).containsExactly(
                "✔ http GET /health: 200 as expected (last answer in 13 ms) (2 attempts, 30 ms)",
                "✘ warm-up GET /: p95 412 ms above 250 ms (1 attempt, 900 ms)",
                "? configuration: 1 key differs (1 attempt, 5 ms)",
                "! http GET /ready: connection refused (3 attempts, 60 ms)");
        assertThat(view.checks()).extracting(CheckLineView::text).noneMatch(text -> text.contains("SUCCESSFUL"));
        assertThat(view.checks()).extracting(CheckLineView::outcome).containsExactly("successful", "failed", "inconclusive", "error");
    }

    @Test
    void anAdoptedColourWithoutAVersionIsNamedByItsColourAlone() {
        VerificationReport report = VerificationReport.of(Color.BLUE, null, "http://127.0.0.1:8080",
                List.of(new CheckResult("http GET /health", Outcome.SUCCESSFUL, "200 as expected", 1, 5)),
                Instant.parse("2026-12-01T07:39:00Z"));

        assertThat(VerificationView.of(report).heading()).isEqualTo("BLUE: successful");
    }
}
