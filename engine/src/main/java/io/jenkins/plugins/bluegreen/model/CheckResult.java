package io.jenkins.plugins.bluegreen.model;

/**
 * What one check found against one environment.
 *
 * @param name the check's display name, e.g. {@code http GET /health}
 * @param outcome its outcome
 * @param detail a human sentence: what was expected and what was seen
 * @param attempts requests made
 * @param elapsedMillis wall time of the check
 */
public record CheckResult(String name, Outcome outcome, String detail, int attempts, long elapsedMillis) {}
