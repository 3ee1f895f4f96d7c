package io.jenkins.plugins.bluegreen.driver;

import io.jenkins.plugins.bluegreen.model.BadInputException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Driver settings typed into a form's text area or text box, read into what the driver records take. */
public final class TextSettings {

    private TextSettings() {}

    /** {@code KEY=value} lines, blank lines ignored, as an ordered map; {@code null} for none. */
    public static Map<String, String> keyValueLines(String field, String text) {
        if (text == null) {
            return null;
        }
        Map<String, String> map = new LinkedHashMap<>();
        for (String line : text.split("\\R")) {
            if (!line.isBlank()) {
                int equals = line.indexOf('=');
                if (equals < 1) {
                    throw new BadInputException(field, "'" + line.trim() + "' is not KEY=value; write one per line");
                }
                map.put(line.substring(0, equals).trim(), line.substring(equals + 1).trim());
            }
        }
        return map;
    }

    /** Values typed into one box, separated by commas or blanks ({@code 192.0.2.10, 2001:db8::10}), or {@code null} for none. */
    public static List<String> list(String text) {
        List<String> values = text == null ? List.of() : Arrays.stream(text.split("[\\s,]+")).filter(v -> !v.isEmpty()).toList();
        return values.isEmpty() ? null : values;
    }

    /** A command line split on blanks (no quoting, no shell), or {@code null} for none. */
    public static List<String> words(String text) {
        return text == null || text.isBlank() ? null : List.of(text.trim().split("\\s+"));
    }
}
