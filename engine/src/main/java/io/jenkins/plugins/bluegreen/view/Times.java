package io.jenkins.plugins.bluegreen.view;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;

/**
 * A time as pages show it: relative to now ({@code 2 min ago}, {@code in 59 min}), as Jenkins shows build times; the
 * page adds the exact time in the reader's time zone as a tooltip (Jenkins' {@code i:formatDate} knows the zone).
 *
 * @param relative e.g. {@code 2 min 5 sec ago}, {@code in 59 min}, {@code just now}; empty without a time
 * @param iso ISO-8601 in UTC, for machines ({@code datetime} attributes); empty without a time
 */
public record Times(String relative, String iso) {

    private static final Times NONE = new Times("", "");

    /** @param at the moment, or {@code null} (all texts empty) */
    public static Times of(Instant at, Instant now) {
        if (at == null) {
            return NONE;
        }
        Duration between = Duration.between(at, now);
        if (between.abs().toSeconds() < 1) {
            return new Times("just now", at.toString());
        }
        return new Times(between.isNegative() ? "in " + span(between.negated()) : span(between) + " ago", at.toString());
    }

    /** An ISO-8601 text as the view-models hold it; empty gives empty texts. */
    public static Times ofIso(String iso, Instant now) {
        return iso == null || iso.isBlank() ? NONE : of(Instant.parse(iso), now);
    }

    /** The moment, for a date formatter; {@code null} without a time. */
    public Date date() {
        return iso.isEmpty() ? null : Date.from(Instant.parse(iso));
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
