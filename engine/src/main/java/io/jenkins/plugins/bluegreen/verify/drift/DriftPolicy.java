package io.jenkins.plugins.bluegreen.verify.drift;

import io.jenkins.plugins.bluegreen.model.BadInputException;
import io.jenkins.plugins.bluegreen.model.Outcome;
import java.util.Locale;

/** What configuration drift does to a verification. */
public enum DriftPolicy {
    /** Drift makes the outcome INCONCLUSIVE: the build is UNSTABLE and a person decides at the approval. */
    WARN,
    /** Drift makes the outcome FAILED, naming the keys. */
    FAIL,
    /** The configurations are not read at all. */
    IGNORE;

    /** {@code warn}, {@code fail} or {@code ignore}, any case; blank means the default, warn. */
    public static DriftPolicy parse(String field, String text) {
        if (text == null || text.isBlank()) {
            return WARN;
        }
        try {
            return valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new BadInputException(field, "'" + text.trim() + "' is not a drift policy; use 'warn', 'fail' or 'ignore'");
        }
    }

    /** The outcome of a comparison that found drift. */
    Outcome outcomeOfDrift() {
        return this == FAIL ? Outcome.FAILED : Outcome.INCONCLUSIVE;
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
