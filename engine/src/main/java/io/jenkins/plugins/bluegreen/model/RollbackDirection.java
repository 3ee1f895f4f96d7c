package io.jenkins.plugins.bluegreen.model;

import java.util.List;

/**
 * Which way a rollback moves traffic. A rollback is a traffic-only move to the standby, and after one rollback the
 * standby is the newer release: "roll back" would then name a roll forward. The button, the log and the event say
 * which it is.
 */
public enum RollbackDirection {
    /** The standby is the release traffic left: {@code Switch back to BLUE (1.4.1)}. */
    BACK("Switch back to", "switching back", "switched back to"),
    /** The standby is the release last switched to, left by a rollback: {@code Roll forward to GREEN (1.4.2)}. */
    FORWARD("Roll forward to", "rolling forward", "rolled forward to");

    private final String action;
    private final String progress;
    private final String done;

    RollbackDirection(String action, String progress, String done) {
        this.action = action;
        this.progress = progress;
        this.done = done;
    }

    /**
     * The direction of a move to {@code target}: forward when {@code target} is the colour the newest switch (a
     * release) sent traffic to, back otherwise.
     */
    public static RollbackDirection of(ServiceState state, Color target) {
        List<Event> events = state.events();
        for (int i = events.size() - 1; i >= 0; i--) {
            if (events.get(i).type() == EventType.SWITCHED) {
                return events.get(i).color() == target ? FORWARD : BACK;
            }
        }
        return BACK;
    }

    /** The button text: {@code Switch back to BLUE (1.4.1)} or {@code Roll forward to GREEN (1.4.2)}. */
    public String action(Environment target) {
        return action + " " + target.describe();
    }

    /** For a log line: {@code switching back}, {@code rolling forward}. */
    public String progress() {
        return progress;
    }

    /** For an event: {@code switched back to}, {@code rolled forward to}. */
    public String done() {
        return done;
    }
}
