package io.jenkins.plugins.bluegreen.driver;

import io.jenkins.plugins.bluegreen.model.BadInputException;
import io.jenkins.plugins.bluegreen.model.Durations;
import java.time.Duration;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Session-aware cutover ({@code sessions: drain}): at a switch, requests whose cookie pins them to the old colour
 * keep going there, new sessions go to the new colour at once, and the old colour gets nothing once {@code period}
 * has passed or no pinned request has reached it for {@code idle}.
 *
 * @param cookie the cookie that pins a session to a colour (HAProxy's {@code cookie} line, or the one the nginx-lua
 *        snippet sets)
 * @param period the longest sessions pinned to the old colour keep it, counted from the switch
 * @param idle the drain ends earlier once the old colour has served no request for this long
 */
public record SessionPolicy(String cookie, Duration period, Duration idle) {

    public static final String DRAIN = "drain";
    public static final String NONE = "none";
    public static final Duration MIN_INTERVAL = Duration.ofSeconds(1);
    public static final Duration MAX_PERIOD = Duration.ofHours(24);
    public static final Duration DEFAULT_IDLE = Duration.ofMinutes(1);

    /** Cookie names that every router takes as they are, and an nginx variable can name ({@code $cookie_<name>}). */
    private static final Pattern COOKIE = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    public SessionPolicy {
        if (cookie == null || cookie.isBlank()) {
            throw new BadInputException("sessions.cookie", "missing; give the cookie that pins a session to a colour, e.g."
                    + " 'SRV' (HAProxy: the name in 'cookie SRV insert indirect nocache')");
        }
        cookie = cookie.trim();
        if (!COOKIE.matcher(cookie).matches()) {
            throw new BadInputException("sessions.cookie", "'" + cookie + "' is not a usable cookie name; use 1 to 64 letters,"
                    + " digits, '_' or '-', e.g. 'SRV'");
        }
        if (period == null) {
            throw new BadInputException("sessions.period", "missing; give how long sessions may stay on the old colour after a"
                    + " switch, e.g. '15m'");
        }
        requireWithin("sessions.period", period, MAX_PERIOD);
        idle = idle == null ? (DEFAULT_IDLE.compareTo(period) < 0 ? DEFAULT_IDLE : period) : idle;
        requireWithin("sessions.idle", idle, MAX_PERIOD);
        if (idle.compareTo(period) > 0) {
            throw new BadInputException("sessions.idle", Durations.format(idle) + " is longer than sessions.period ("
                    + Durations.format(period) + "), so it could never end the drain; make it shorter, e.g. '1m'");
        }
    }

    private static void requireWithin(String field, Duration value, Duration max) {
        if (value.compareTo(MIN_INTERVAL) < 0 || value.compareTo(max) > 0) {
            throw new BadInputException(field, "'" + Durations.format(value) + "' is out of range; use "
                    + Durations.format(MIN_INTERVAL) + " to " + Durations.format(max) + ", e.g. '15m'");
        }
    }

    /**
     * A policy from text settings (a spec file, a Jenkins form): {@code null} when {@code mode} is empty or
     * {@code none}, a drain policy for {@code drain}; anything else is refused naming {@code sessions.mode}.
     */
    public static SessionPolicy parse(String mode, String cookie, String period, String idle) {
        String normalized = mode == null ? "" : mode.trim().toLowerCase(Locale.ROOT);
        if (normalized.isEmpty() || NONE.equals(normalized)) {
            if (blank(cookie) && blank(period) && blank(idle)) {
                return null;
            }
            throw new BadInputException("sessions.mode", "cookie, period and idle only apply with mode 'drain'; set mode: drain,"
                    + " or remove them");
        }
        if (!DRAIN.equals(normalized)) {
            throw new BadInputException("sessions.mode", "'" + mode.trim() + "' is not a session mode; use 'drain' (keep pinned"
                    + " sessions on the old colour) or 'none' (a plain switch)");
        }
        return new SessionPolicy(cookie, blank(period) ? null : Durations.parse("sessions.period", period.trim()),
                blank(idle) ? null : Durations.parse("sessions.idle", idle.trim()));
    }

    private static boolean blank(String text) {
        return text == null || text.isBlank();
    }

    /** How often the old colour's traffic is read during a drain: four times per idle interval, at most every 250 ms. */
    public Duration sampleInterval() {
        Duration quarter = idle.dividedBy(4);
        return quarter.compareTo(Duration.ofMillis(250)) < 0 ? quarter : Duration.ofMillis(250);
    }

    public String describe() {
        return "sessions pinned by cookie " + cookie + " drain for up to " + Durations.format(period) + " (or until "
                + Durations.format(idle) + " without one)";
    }
}
