package io.jenkins.plugins.bluegreen.view;

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
 * @param checks one line per check of the last verification, with its status symbol
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
        List<CheckLineView> checks) {

    public EnvironmentView {
        checks = List.copyOf(checks);
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
                report == null ? List.of() : report.checks().stream().map(CheckLineView::of).toList());
    }

    private static String linkable(String url) {
        String lower = url == null ? "" : url.toLowerCase(Locale.ROOT);
        return lower.startsWith("http://") || lower.startsWith("https://") ? url : "";
    }
}
