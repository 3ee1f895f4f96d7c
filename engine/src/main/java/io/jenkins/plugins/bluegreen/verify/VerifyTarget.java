package io.jenkins.plugins.bluegreen.verify;

import io.jenkins.plugins.bluegreen.model.BadInputException;
import java.util.Locale;

/** Which colours a verification covers. BOTH is the schema-compatibility gate: old and new must pass. */
public enum VerifyTarget {
    IDLE,
    LIVE,
    BOTH;

    /** {@code idle}, {@code live} or {@code both}, any case; blank means idle. */
    public static VerifyTarget parse(String field, String text) {
        if (text == null || text.isBlank()) {
            return IDLE;
        }
        try {
            return valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new BadInputException(field, "'" + text.trim() + "' is not a verify target; use 'idle', 'live' or 'both'");
        }
    }
}
