package io.jenkins.plugins.bluegreen.view;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * Times as pages show them: relative to now ({@code 2 min ago}, {@code in 59 min}), with the exact time in the reader's
 * time zone for a tooltip, the way Jenkins shows build times.
 *
 * @param relative e.g. {@code 2 min 5 sec ago}, {@code in 59 min}, {@code just now}
 * @param exact e.g. {@code 2026-12-01 08:39:44 CET}
 * @param iso ISO-8601 in UTC, for machines ({@code datetime} attributes, the REST API)
 */
public record Times(String relative, String exact, String iso) {

    private static final DateTimeFormatter EXACT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss z", Locale.ENGLISH);
    private static final Times NONE = new Times("", "", "");

    /** @param at the moment, or {@code null} (all texts empty) */
    public static Times of(Instant at, Instant now, ZoneId zone) {
        if (at == null) {
            return NONE;
        }
        Duration between = Duration.between(at, now);
        String relative = between.isNegative() ? "in " + span(between.negated()) : span(between) + " ago";
        return new Times(between.abs().toSeconds() < 1 ? "just now" : relative, EXACT.format(at.atZone(zone)), at.toString());
    }

    /** An ISO-8601 text as the view-models hold it; empty or unparsable gives empty texts. */
    public static Times ofIso(String iso, Instant now, ZoneId zone) {
        if (iso == null || iso.isBlank()) {
            return NONE;
        }
        return of(Instant.parse(iso), now, zone);
    }

    /**
     * The two largest units, as Jenkins' {@code Util.getTimeSpanString} does: {@code 45 sec}, {@code 2 min 5 sec},
     * {@code 3 hr 10 min}, {@code 2 days 4 hr}, {@code 1 yr 2 mo}.
     */
    static String span(Duration duration) {
        long seconds = duration.toSeconds();
        long[] sizes = {365L * 86400, 30L * 86400, 86400, 3600, 60, 1};
        String[] units = {"yr", "mo", "day", "hr", "min", "sec"};
        for (int i = 0; i < sizes.length; i++) {
            long count = seconds / sizes[i];
            if (count > 0) {
                String text = unit(count, units[i]);
                long rest = i + 1 < sizes.length ? seconds % sizes[i] / sizes[i + 1] : 0;
                return rest > 0 ? text + " " + unit(rest, units[i + 1]) : text;
            }
        }
        return duration.toMillis() + " ms";
    }

    private static String unit(long count, String unit) {
        return count + " " + (unit.equals("day") && count != 1 ? "days" : unit);
    }
}
