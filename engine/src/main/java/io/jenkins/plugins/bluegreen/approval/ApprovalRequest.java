package io.jenkins.plugins.bluegreen.approval;

import io.jenkins.plugins.bluegreen.model.Color;
import io.jenkins.plugins.bluegreen.model.VerificationReport;
import java.util.List;

/**
 * What an approver needs to decide a cutover.
 *
 * @param fromVersion the version live now, or {@code null} before the first switch
 * @param previewUrl where the approver can try the new version before it is public
 * @param reports the latest verification reports of both colours
 * @param drift a sentence when the router disagrees with the record, else {@code null}
 */
public record ApprovalRequest(
        String service,
        Color from,
        String fromVersion,
        Color to,
        String toVersion,
        String previewUrl,
        List<VerificationReport> reports,
        String drift,
        String message) {

    public ApprovalRequest {
        reports = List.copyOf(reports);
    }

    /** One line for consoles and logs: {@code shop: BLUE (1.4.1) -> GREEN (1.4.2)}. */
    public String summary() {
        String left = from == null ? "nothing live" : from.name() + (fromVersion == null ? "" : " (" + fromVersion + ")");
        return service + ": " + left + " -> " + to.name() + " (" + toVersion + ")";
    }
}
