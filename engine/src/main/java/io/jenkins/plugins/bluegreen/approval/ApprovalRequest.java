package io.jenkins.plugins.bluegreen.approval;

import io.jenkins.plugins.bluegreen.model.CheckResult;
import io.jenkins.plugins.bluegreen.model.Color;
import io.jenkins.plugins.bluegreen.model.ConfigDrift;
import io.jenkins.plugins.bluegreen.model.Environment;
import io.jenkins.plugins.bluegreen.model.VerificationReport;
import java.util.ArrayList;
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

    /** Each colour's verification outcome, then its checks indented; what approval pages list. */
    public List<String> verificationLines() {
        List<String> lines = new ArrayList<>();
        for (VerificationReport report : reports) {
            lines.add(Environment.describe(report.color(), report.version()) + ": " + report.outcome());
            for (CheckResult check : report.checks()) {
                lines.add("  " + check.outcome() + "  " + check.name() + ": " + check.detail());
            }
        }
        return lines;
    }

    /**
     * The configuration drift the newest verification found between the colours, or {@code null} when it found none
     * or the service has no fingerprint.
     */
    public ConfigDrift configDrift() {
        return VerificationReport.newestConfigDrift(reports);
    }

    /** {@code CONFIGURATION DRIFT: GREEN differs from live BLUE in 1 of 40 keys:} then one line per key; empty without drift. */
    public List<String> configDriftLines() {
        ConfigDrift drift = configDrift();
        if (drift == null) {
            return List.of();
        }
        List<String> lines = new ArrayList<>(List.of("CONFIGURATION DRIFT: " + drift.idle().name() + " differs from live "
                + drift.live().name() + " in " + drift.differences().size() + " of " + drift.keysCompared() + " keys:"));
        drift.lines().forEach(line -> lines.add("  " + line));
        return lines;
    }

    /** The whole request for a console: from and to, the question, the preview URL, verification and drift. */
    public List<String> describe() {
        List<String> lines = new ArrayList<>(List.of(message == null ? summary() : summary() + ": " + message));
        lines.add("preview: " + (previewUrl == null ? "none configured" : previewUrl));
        lines.addAll(reports.isEmpty() ? List.of("no verification recorded") : verificationLines());
        lines.addAll(configDriftLines());
        if (drift != null) {
            lines.add("DRIFT: " + drift);
        }
        return lines;
    }
}
