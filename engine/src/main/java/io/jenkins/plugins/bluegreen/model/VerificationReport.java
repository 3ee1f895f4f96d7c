package io.jenkins.plugins.bluegreen.model;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * All checks run against one colour, with their combined outcome.
 *
 * @param configDrift how this colour's configuration differs from the live colour's, when the service has a
 *     fingerprint and the comparison ran; else {@code null}. Its check result is among {@code checks}
 */
public record VerificationReport(
        Color color, String version, String url, Outcome outcome, List<CheckResult> checks, Instant finishedAt,
        ConfigDrift configDrift) {

    public VerificationReport {
        checks = List.copyOf(checks);
    }

    /** A report without a configuration comparison. */
    public VerificationReport(Color color, String version, String url, Outcome outcome, List<CheckResult> checks, Instant finishedAt) {
        this(color, version, url, outcome, checks, finishedAt, null);
    }

    public static VerificationReport of(Color color, String version, String url, List<CheckResult> checks, Instant at) {
        return new VerificationReport(color, version, url, worstOf(checks), checks, at, null);
    }

    /** This report with the configuration comparison's result added, its outcome counted like any check's. */
    public VerificationReport withConfigComparison(CheckResult comparison, ConfigDrift drift) {
        List<CheckResult> all = new ArrayList<>(checks);
        all.add(comparison);
        return new VerificationReport(color, version, url, worstOf(all), all, finishedAt, drift);
    }

    /**
     * The drift found by the newest of these reports that compared configurations, or {@code null} when that one found
     * none or none compared: what approvers and pages show.
     */
    public static ConfigDrift newestConfigDrift(List<VerificationReport> reports) {
        return reports.stream().filter(r -> r.configDrift() != null)
                .max(Comparator.comparing(VerificationReport::finishedAt))
                .map(VerificationReport::configDrift).filter(ConfigDrift::drifted).orElse(null);
    }

    private static Outcome worstOf(List<CheckResult> checks) {
        Outcome outcome = checks.isEmpty() ? Outcome.INCONCLUSIVE : Outcome.SUCCESSFUL;
        for (CheckResult check : checks) {
            outcome = outcome.worst(check.outcome());
        }
        return outcome;
    }
}
