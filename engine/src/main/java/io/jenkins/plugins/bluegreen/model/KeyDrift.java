package io.jenkins.plugins.bluegreen.model;

/**
 * One configuration key that differs between the live and the idle colour.
 *
 * @param live the live colour's value; {@code null} when the key is absent there, or secret
 * @param idle the idle colour's value; {@code null} when the key is absent there, or secret
 * @param secret whether the key looks secret: its values were compared by hash and are never kept
 */
public record KeyDrift(String key, Difference difference, boolean secret, String live, String idle) {

    /** How a key differs. */
    public enum Difference {
        CHANGED,
        ONLY_ON_LIVE,
        ONLY_ON_IDLE
    }

    public KeyDrift {
        if (secret) {
            live = null;
            idle = null;
        }
    }

    /** The live colour's side as a person reads it: the value, {@code (missing)}, or {@code (secret)}. */
    public String liveText() {
        return text(difference == Difference.ONLY_ON_IDLE, live);
    }

    /** The idle colour's side as a person reads it. */
    public String idleText() {
        return text(difference == Difference.ONLY_ON_LIVE, idle);
    }

    private String text(boolean missing, String value) {
        if (missing) {
            return "(missing)";
        }
        return secret ? "(secret, differs; not shown)" : value;
    }
}
