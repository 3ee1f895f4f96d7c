package io.jenkins.plugins.bluegreen.view;

import io.jenkins.plugins.bluegreen.model.ConfigDrift;
import io.jenkins.plugins.bluegreen.model.KeyDrift;
import java.util.List;
import java.util.Locale;

/**
 * Configuration drift as a table: one row per key that differs between the live and the idle colour. Secret-looking
 * keys show no values. Empty ({@link #rows} empty, {@link #shown} false) when there is no drift to show.
 *
 * @param title e.g. {@code GREEN differs from live BLUE in 2 of 40 keys}
 * @param liveHeading the live colour's column heading, e.g. {@code BLUE (live)}
 * @param idleHeading the idle colour's column heading, e.g. {@code GREEN}
 */
public record ConfigDriftView(boolean shown, String title, String liveHeading, String idleHeading, List<Row> rows) {

    /**
     * @param difference {@code changed}, {@code only on live} or {@code only on idle}
     */
    public record Row(String key, String live, String idle, String difference) {}

    public ConfigDriftView {
        rows = List.copyOf(rows);
    }

    /** @param drift the comparison, or {@code null} */
    public static ConfigDriftView of(ConfigDrift drift) {
        if (drift == null || !drift.drifted()) {
            return new ConfigDriftView(false, "", "", "", List.of());
        }
        return new ConfigDriftView(true,
                drift.idle().name() + " differs from live " + drift.live().name() + " in " + drift.differences().size() + " of "
                        + drift.keysCompared() + " keys",
                drift.live().name() + " (live)", drift.idle().name(),
                drift.differences().stream().map(ConfigDriftView::row).toList());
    }

    private static Row row(KeyDrift key) {
        return new Row(key.key(), key.liveText(), key.idleText(), key.difference().name().replace('_', ' ').toLowerCase(Locale.ROOT));
    }
}
