package io.jenkins.plugins.bluegreen.model;

import java.time.Instant;
import java.util.List;

/**
 * One colour of a service as recorded.
 *
 * @param urls where this colour answers directly (the preview URL is the first)
 * @param lastReport the last verification report, or {@code null}
 * @param actor who made the last change
 */
public record Environment(
        Color color,
        String version,
        List<String> urls,
        EnvironmentStatus status,
        VerificationReport lastReport,
        Instant updatedAt,
        String actor) {

    public Environment {
        urls = urls == null ? List.of() : List.copyOf(urls);
    }

    public static Environment empty(Color color) {
        return new Environment(color, null, List.of(), EnvironmentStatus.EMPTY, null, null, null);
    }

    public Environment withStatus(EnvironmentStatus newStatus, Instant at, String by) {
        return new Environment(color, version, urls, newStatus, lastReport, at, by);
    }

    public Environment withReport(VerificationReport report, EnvironmentStatus newStatus, Instant at, String by) {
        return new Environment(color, version, urls, newStatus, report, at, by);
    }

    public String previewUrl() {
        return urls.isEmpty() ? null : urls.get(0);
    }

    /** {@code GREEN (1.4.2)}, or just the colour when nothing is deployed. */
    public String describe() {
        return describe(color, version);
    }

    /** {@code GREEN (1.4.2)}, or just the colour when the version is unknown (e.g. an adopted colour). */
    public static String describe(Color color, String version) {
        return version == null ? color.name() : color.name() + " (" + version + ")";
    }
}
