package io.jenkins.plugins.bluegreen.verify;

import io.jenkins.plugins.bluegreen.model.Color;

/**
 * The environment a check runs against.
 *
 * @param baseUrl the colour's own URL (not the public one), e.g. {@code http://127.0.0.1:9001}
 */
public record CheckTarget(String service, Color color, String version, String baseUrl) {}
