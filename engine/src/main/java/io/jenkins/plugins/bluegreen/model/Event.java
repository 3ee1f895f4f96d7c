package io.jenkins.plugins.bluegreen.model;

import java.time.Instant;

/**
 * One entry of the audit trail.
 *
 * @param color the colour it concerns, or {@code null}
 * @param version the version it concerns, or {@code null}
 * @param actor who did it, as the caller supplied it (a Jenkins user id, a CLI user)
 * @param detail a human sentence
 */
public record Event(EventType type, Color color, String version, String actor, Instant at, String detail) {}
