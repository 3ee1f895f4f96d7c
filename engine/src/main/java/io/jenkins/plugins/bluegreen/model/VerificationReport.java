package io.jenkins.plugins.bluegreen.model;

import java.time.Instant;
import java.util.List;

/** All checks run against one colour, with their combined outcome. */
public record VerificationReport(
        Color color, String version, String url, Outcome outcome, List<CheckResult> checks, Instant finishedAt) {

    public VerificationReport {
        checks = List.copyOf(checks);
    }

    public static VerificationReport of(Color color, String version, String url, List<CheckResult> checks, Instant at) {
        Outcome outcome = checks.isEmpty() ? Outcome.INCONCLUSIVE : Outcome.SUCCESSFUL;
        for (CheckResult check : checks) {
            outcome = outcome.worst(check.outcome());
        }
        return new VerificationReport(color, version, url, outcome, checks, at);
    }
}
