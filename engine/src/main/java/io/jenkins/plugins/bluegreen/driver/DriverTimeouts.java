package io.jenkins.plugins.bluegreen.driver;

import io.jenkins.plugins.bluegreen.model.BadInputException;
import io.jenkins.plugins.bluegreen.model.Durations;
import java.time.Duration;
import okhttp3.OkHttpClient;

/** The per-call timeout every driver has: parsed from its settings, and applied to its HTTP client. */
public final class DriverTimeouts {

    private DriverTimeouts() {}

    /** Parses a timeout setting, which must be longer than zero. */
    public static Duration parse(String field, String text) {
        Duration timeout = Durations.parse(field, text);
        if (timeout.isZero()) {
            throw new BadInputException(field, "must be longer than zero, e.g. '10s'");
        }
        return timeout;
    }

    /** A timeout setting as configured, or {@code defaultText} when left out; refused when not a positive duration. */
    public static String checked(String field, String text, String defaultText) {
        String setting = text == null ? defaultText : text;
        parse(field, setting);
        return setting;
    }

    /** A client sharing {@code http}'s pools and proxy settings whose connects, reads and whole calls end in time. */
    public static OkHttpClient bounded(OkHttpClient http, Duration timeout) {
        return http.newBuilder()
                .callTimeout(timeout)
                .connectTimeout(timeout)
                .readTimeout(timeout)
                .writeTimeout(timeout)
                .build();
    }
}
