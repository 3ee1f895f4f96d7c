package io.jenkins.plugins.bluegreen.approval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.bluegreen.approval.ApprovalPolicy.OnTimeout;
import io.jenkins.plugins.bluegreen.model.BadInputException;
import io.jenkins.plugins.bluegreen.model.CheckResult;
import io.jenkins.plugins.bluegreen.model.Color;
import io.jenkins.plugins.bluegreen.model.Outcome;
import io.jenkins.plugins.bluegreen.model.VerificationReport;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ApprovalSettingsTest {

    @Test
    void onTimeoutIsAbortUnlessProceedIsWritten() {
        assertThat(OnTimeout.parse("approval.onTimeout", null)).isEqualTo(OnTimeout.ABORT);
        assertThat(OnTimeout.parse("approval.onTimeout", " ")).isEqualTo(OnTimeout.ABORT);
        assertThat(OnTimeout.parse("approval.onTimeout", " Proceed ")).isEqualTo(OnTimeout.PROCEED);
        assertThatThrownBy(() -> OnTimeout.parse("approval.onTimeout", "wait"))
                .isInstanceOf(BadInputException.class)
                .hasMessageContaining("approval.onTimeout")
                .hasMessageContaining("'wait' is not 'abort' or 'proceed'");
    }

    @Test
    void aRequestDescribesItselfForTheConsole() {
        VerificationReport green = new VerificationReport(Color.GREEN, "1.4.2", "http://green", Outcome.SUCCESSFUL,
                List.of(new CheckResult("GET /health", Outcome.SUCCESSFUL, "200 in 12 ms", 1, 12)), Instant.EPOCH);
        ApprovalRequest request = new ApprovalRequest("shop", Color.BLUE, "1.4.1", Color.GREEN, "1.4.2",
                "https://green.shop.test", List.of(green), "router serves GREEN", "Promote?");

        assertThat(request.describe()).containsExactly(
                "shop: BLUE (1.4.1) -> GREEN (1.4.2): Promote?",
                "preview: https://green.shop.test",
                "GREEN (1.4.2): SUCCESSFUL",
                "  SUCCESSFUL  GET /health: 200 in 12 ms",
                "DRIFT: router serves GREEN");
    }

    @Test
    void aFirstRequestWithoutVerificationSaysSo() {
        ApprovalRequest request = new ApprovalRequest("shop", null, null, Color.BLUE, "1.0", null, List.of(), null, null);

        assertThat(request.describe()).containsExactly("shop: nothing live -> BLUE (1.0)", "preview: none configured",
                "no verification recorded");
    }
}
