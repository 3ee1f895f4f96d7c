package io.jenkins.plugins.bluegreen.model;

import java.util.List;

/**
 * How the idle colour's configuration differs from the live colour's, as read by the service's fingerprint. Keys
 * that are expected to differ are left out. Values of keys that look secret are compared by hash and never kept.
 *
 * @param live the colour serving traffic, compared against
 * @param idle the colour that would go live
 * @param keysCompared keys read on either side, minus those expected to differ
 * @param differences one entry per key that differs, sorted by key
 */
public record ConfigDrift(Color live, Color idle, int keysCompared, List<KeyDrift> differences) {

    public ConfigDrift {
        differences = List.copyOf(differences);
    }

    public boolean drifted() {
        return !differences.isEmpty();
    }

    /** The keys that differ, comma-separated; never their values (what the audit trail keeps). */
    public String keyNames() {
        return String.join(", ", differences.stream().map(KeyDrift::key).toList());
    }

    /** One line per key for consoles: {@code feature.checkout: BLUE 'off', GREEN 'on'}. */
    public List<String> lines() {
        return differences.stream().map(d -> d.key() + ": " + live.name() + " " + quoted(d.liveText()) + ", "
                + idle.name() + " " + quoted(d.idleText())).toList();
    }

    private static String quoted(String text) {
        return text.startsWith("(") ? text : "'" + text + "'";
    }
}
