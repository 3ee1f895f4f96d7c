package io.jenkins.plugins.bluegreen.model;

import java.util.Locale;

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
        if (value != null) {
            for (Color color : values()) {
                if (color.name().equalsIgnoreCase(value.trim())) {
                    return color;
                }
            }
        }
        throw new BadInputException(field, "'" + value + "' is not a colour; use 'blue' or 'green'");
    }
}
