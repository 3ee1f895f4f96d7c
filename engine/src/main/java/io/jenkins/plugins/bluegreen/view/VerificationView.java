package io.jenkins.plugins.bluegreen.view;

import io.jenkins.plugins.bluegreen.model.Environment;
import io.jenkins.plugins.bluegreen.model.VerificationReport;
import java.util.List;

/**
 * One colour's last verification: a heading with its outcome, then one line per check.
 *
 * @param heading e.g. {@code GREEN (1.4.2): successful}
 * @param symbol the outcome's symbol, as on {@link CheckLineView}
 * @param outcome the outcome in lower case
 */
public record VerificationView(String heading, String symbol, String outcome, List<CheckLineView> checks) {

    public VerificationView {
        checks = List.copyOf(checks);
    }

    public static VerificationView of(VerificationReport report) {
        return new VerificationView(Environment.describe(report.color(), report.version()) + ": " + CheckLineView.outcomeText(report.outcome()),
                CheckLineView.symbol(report.outcome()), CheckLineView.outcomeText(report.outcome()),
                report.checks().stream().map(CheckLineView::of).toList());
    }

    public static List<VerificationView> of(List<VerificationReport> reports) {
        return reports.stream().map(VerificationView::of).toList();
    }
}
