package io.jenkins.plugins.bluegreen.model;

import java.util.Locale;
import java.util.Optional;

/** One of the two environments of a service. */
public enum Color {
    BLUE,
    GREEN;

    public Color other() {
        return this == BLUE ? GREEN : BLUE;
    }

    /** Lower-case name, as used in URLs, labels and the {@code ${color}} template variable. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses user input case-insensitively; the error names the field and the accepted values. */
    public static Color parse(String field, String value) {
        return find(value).orElseThrow(() -> new BadInputException(field, "'" + value + "' is not a colour; use 'blue' or 'green'"));
    }

    /** The colour a router or response names (any case, surrounding blanks ignored), or empty for anything else. */
    public static Optional<Color> find(String text) {
        if (text != null) {
            for (Color color : values()) {
                if (color.name().equalsIgnoreCase(text.trim())) {
                    return Optional.of(color);
                }
            }
        }
        return Optional.empty();
    }
}
