package io.jenkins.plugins.bluegreen.view;

import io.jenkins.plugins.bluegreen.model.CheckResult;
import io.jenkins.plugins.bluegreen.model.Environment;
import io.jenkins.plugins.bluegreen.model.VerificationReport;
import java.util.List;
import java.util.Locale;

/**
 * One colour of a service as the UI shows it; absent values are empty strings.
 *
 * @param color the colour in lower case, for a CSS class or icon name
 * @param label the colour and version, e.g. {@code BLUE (1.4.1)}
 * @param status the status name, e.g. {@code STANDBY}
 * @param updatedAt when it last changed, ISO-8601 in UTC
 * @param previewUrl where the colour answers directly; only an http(s) URL, so that a view can link it safely
 * @param reportOutcome the last verification's outcome, e.g. {@code SUCCESSFUL}; empty when never verified
 * @param checkLines one line per check of the last verification
 */
public record EnvironmentView(
        String color,
        String label,
        String version,
        String status,
        String updatedAt,
        String actor,
        String previewUrl,
        String reportOutcome,
        List<String> checkLines) {

    public EnvironmentView {
        checkLines = List.copyOf(checkLines);
    }

    static EnvironmentView of(Environment environment) {
        VerificationReport report = environment.lastReport();
        return new EnvironmentView(
                Texts.color(environment.color()),
                environment.describe(),
                Texts.orEmpty(environment.version()),
                environment.status().name(),
                Texts.iso(environment.updatedAt()),
                Texts.orEmpty(environment.actor()),
                linkable(environment.previewUrl()),
                report == null ? "" : report.outcome().name(),
                report == null ? List.of() : report.checks().stream().map(EnvironmentView::checkLine).toList());
    }

    /** {@code http GET /health: SUCCESSFUL - 200 as expected (3 attempts, 120 ms)}. */
    static String checkLine(CheckResult check) {
        String detail = check.detail() == null || check.detail().isBlank() ? "" : " - " + check.detail();
        String attempts = check.attempts() + (check.attempts() == 1 ? " attempt" : " attempts");
        return check.name() + ": " + check.outcome() + detail + " (" + attempts + ", " + check.elapsedMillis() + " ms)";
    }

    private static String linkable(String url) {
        String lower = url == null ? "" : url.toLowerCase(Locale.ROOT);
        return lower.startsWith("http://") || lower.startsWith("https://") ? url : "";
    }
}
