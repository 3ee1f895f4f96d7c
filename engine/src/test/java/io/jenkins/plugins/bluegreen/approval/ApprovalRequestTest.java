package io.jenkins.plugins.bluegreen.approval;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.bluegreen.model.CheckResult;
import io.jenkins.plugins.bluegreen.model.Color;
import io.jenkins.plugins.bluegreen.model.Outcome;
import io.jenkins.plugins.bluegreen.model.VerificationReport;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ApprovalRequestTest {

    @Test
    void verificationLinesNameAnAdoptedColourWithoutAVersionByItsColourAlone() {
        Instant at = Instant.parse("2026-12-01T07:39:00Z");
        VerificationReport adoptedBlue = VerificationReport.of(Color.BLUE, null, "http://127.0.0.1:8080",
                List.of(new CheckResult("http GET /health", Outcome.SUCCESSFUL, "200 as expected", 1, 5)), at);
        VerificationReport green = VerificationReport.of(Color.GREEN, "v2", "http://127.0.0.1:8081",
                List.of(new CheckResult("http GET /health", Outcome.SUCCESSFUL, "200 as expected", 1, 5)), at);
        ApprovalRequest request = new ApprovalRequest("shop", Color.BLUE, null, Color.GREEN, "v2",
                "http://127.0.0.1:8081", List.of(adoptedBlue, green), null, null);

        assertThat(request.verificationLines()).containsExactly(
                "BLUE: SUCCESSFUL", "  SUCCESSFUL  http GET /health: 200 as expected",
                "GREEN (v2): SUCCESSFUL", "  SUCCESSFUL  http GET /health: 200 as expected");
    }
}
