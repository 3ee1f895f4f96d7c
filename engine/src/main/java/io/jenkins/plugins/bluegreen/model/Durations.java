package io.jenkins.plugins.bluegreen.model;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses the durations users write in Jenkinsfiles and spec files: {@code 500ms}, {@code 30s}, {@code 5m}, {@code 1h}. */
public final class Durations {

    private static final Pattern FORM = Pattern.compile("(\\d{1,9})\\s*(ms|s|m|h|d)");

    private Durations() {}

    public static Duration parse(String field, String text) {
        Matcher matcher = text == null ? null : FORM.matcher(text.trim());
        if (matcher == null || !matcher.matches()) {
            throw new BadInputException(field, "'" + text + "' is not a duration; write a whole number and a unit,"
                    + " e.g. '500ms', '30s', '5m', '1h' or '2d'");
        }
        long amount = Long.parseLong(matcher.group(1));
        return switch (matcher.group(2)) {
            case "ms" -> Duration.ofMillis(amount);
            case "s" -> Duration.ofSeconds(amount);
            case "m" -> Duration.ofMinutes(amount);
            case "h" -> Duration.ofHours(amount);
            default -> Duration.ofDays(amount);
        };
    }

    /** The shortest exact form: {@code 90s} stays {@code 90s}, {@code 120s} becomes {@code 2m}. */
    public static String format(Duration duration) {
        long millis = duration.toMillis();
        if (millis % 1000 != 0) {
            return millis + "ms";
        }
        long seconds = millis / 1000;
        if (seconds % 3600 == 0 && seconds > 0) {
            return seconds / 3600 + "h";
        }
        if (seconds % 60 == 0 && seconds > 0) {
            return seconds / 60 + "m";
        }
        return seconds + "s";
    }

    /** A length of time for people, in its two largest units: {@code 1d 2h}, {@code 2h 5m}, {@code 3m 12s}, {@code 12s}. */
    public static String describe(Duration duration) {
        long seconds = Math.max(0, duration.toSeconds());
        long[] amounts = {seconds / 86_400, seconds % 86_400 / 3600, seconds % 3600 / 60, seconds % 60};
        String[] units = {"d", "h", "m", "s"};
        for (int i = 0; i < amounts.length - 1; i++) {
            if (amounts[i] > 0) {
                return amounts[i] + units[i] + (amounts[i + 1] > 0 ? " " + amounts[i + 1] + units[i + 1] : "");
            }
        }
        return seconds + "s";
    }
}
