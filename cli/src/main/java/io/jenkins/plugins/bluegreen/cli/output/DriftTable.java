package io.jenkins.plugins.bluegreen.cli.output;

import io.jenkins.plugins.bluegreen.view.ConfigDriftView;
import java.util.ArrayList;
import java.util.List;

/** Configuration drift as a plain-text table for terminals: the same rows as the Jenkins pages. */
public final class DriftTable {

    private DriftTable() {}

    /** The title, then a header and one aligned row per key; empty when there is no drift. */
    public static List<String> lines(ConfigDriftView drift, String indent) {
        if (!drift.shown()) {
            return List.of();
        }
        String[] heading = {"key", drift.liveHeading(), drift.idleHeading()};
        int[] widths = new int[heading.length];
        for (int i = 0; i < heading.length; i++) {
            widths[i] = heading[i].length();
        }
        for (ConfigDriftView.Row row : drift.rows()) {
            widths[0] = Math.max(widths[0], row.key().length());
            widths[1] = Math.max(widths[1], row.live().length());
        }
        List<String> lines = new ArrayList<>(List.of(indent + "configuration drift: " + drift.title()));
        lines.add(indent + "  " + pad(heading[0], widths[0]) + "  " + pad(heading[1], widths[1]) + "  " + heading[2]);
        for (ConfigDriftView.Row row : drift.rows()) {
            lines.add(indent + "  " + pad(row.key(), widths[0]) + "  " + pad(row.live(), widths[1]) + "  " + row.idle());
        }
        return lines;
    }

    private static String pad(String text, int width) {
        return text + " ".repeat(width - text.length());
    }
}
