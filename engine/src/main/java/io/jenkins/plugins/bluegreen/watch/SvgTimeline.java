package io.jenkins.plugins.bluegreen.watch;

import io.jenkins.plugins.bluegreen.model.Color;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Draws a switch window as a self-contained SVG: who answered the probes in each time slice (stacked blue, green,
 * unknown and failed shares), every failed probe as a red tick, and the moment of the switch call. It has no script,
 * no style element, no event handlers and no external references, so it can be inlined under a strict
 * Content-Security-Policy; everything is drawn with presentation attributes.
 */
public final class SvgTimeline {

    static final String BLUE_FILL = "#1f6fd1";
    static final String GREEN_FILL = "#2e9d4a";
    static final String UNKNOWN_FILL = "#9aa0a6";
    static final String FAILED_FILL = "#d93025";

    // Text baselines from the top: the title, the figures, the share axis's name, then the "switch" label just above
    // the plot. Each line has its own band, so none can run into another wherever the switch falls.
    private static final int WIDTH = 960;
    private static final int HEIGHT = 442;
    private static final int TITLE = 26;
    private static final int FIGURES = 48;
    private static final int SHARE_AXIS_NAME = 68;
    private static final int PLOT_LEFT = 64;
    private static final int PLOT_RIGHT = 936;
    private static final int PLOT_TOP = 96;
    private static final int PLOT_BOTTOM = 336;
    private static final int FAILURE_TOP = 342;
    private static final int FAILURE_BOTTOM = 356;
    private static final int AXIS_LABELS = 374;
    private static final int LEGEND = 422;
    private static final int MAX_BUCKETS = 60;
    private static final int MAX_TICKS = 10;

    private SvgTimeline() {}

    /** The timeline with the colours as the from and to labels. */
    public static String render(SwitchReport report) {
        return render(report, describe(report.from()), describe(report.to()));
    }

    /**
     * The timeline with caller-given labels for the two sides of the switch, e.g. {@code BLUE (1.4.1)}.
     *
     * @param fromLabel what served before the switch; shown as given, escaped
     * @param toLabel what the switch went to; shown as given, escaped
     */
    public static String render(SwitchReport report, String fromLabel, String toLabel) {
        return draw(report, fromLabel, toLabel).toString();
    }

    /** The same drawing, for embedding in a page that {@link Markup} writes. */
    public static Markup draw(SwitchReport report, String fromLabel, String toLabel) {
        String title = title(report, fromLabel, toLabel);
        Markup svg = new Markup();
        svg.open("svg", "xmlns", "http://www.w3.org/2000/svg", "width", num(WIDTH), "height", num(HEIGHT),
                "viewBox", "0 0 " + WIDTH + " " + HEIGHT, "role", "img",
                "font-family", "sans-serif", "font-size", "12", "fill", "#202124");
        svg.element("title", title + " \u2014 " + figures(report));
        svg.empty("rect", "x", "0", "y", "0", "width", num(WIDTH), "height", num(HEIGHT), "fill", "#ffffff");
        svg.element("text", title, "x", "16", "y", num(TITLE), "font-size", "16", "font-weight", "bold");
        svg.element("text", figures(report), "x", "16", "y", num(FIGURES));
        svg.empty("rect", "x", num(PLOT_LEFT), "y", num(PLOT_TOP), "width", num(PLOT_RIGHT - PLOT_LEFT),
                "height", num(PLOT_BOTTOM - PLOT_TOP), "fill", "#f8f9fa", "stroke", "#c0c4c8");
        drawShareAxis(svg);
        List<TrafficBucket> buckets = report.buckets(MAX_BUCKETS);
        if (buckets.isEmpty()) {
            svg.element("text", "No probes were recorded in this window.", "x", num((PLOT_LEFT + PLOT_RIGHT) / 2.0),
                    "y", num((PLOT_TOP + PLOT_BOTTOM) / 2.0), "text-anchor", "middle", "fill", "#5f6368");
        } else {
            Scale scale = new Scale(buckets.get(0).fromMillis(), buckets.get(buckets.size() - 1).toMillis());
            drawBuckets(svg, buckets, scale);
            drawFailures(svg, report, scale);
            drawTimeAxis(svg, report, scale);
            if (report.switchMarked()) {
                drawSwitchLine(svg, scale);
            }
        }
        drawLegend(svg);
        return svg.close("svg");
    }

    /** {@code shop: BLUE (1.4.1) → GREEN (1.4.2)}, the heading of the timeline and of the report page. */
    public static String title(SwitchReport report, String fromLabel, String toLabel) {
        return report.service() + ": " + fromLabel + " \u2192 " + toLabel;
    }

    private static String describe(Color color) {
        return color == null ? "nothing live" : color.name();
    }

    private static String figures(SwitchReport report) {
        return report.figures().stream().map(f -> f.label() + ": " + f.value()).collect(Collectors.joining(", "));
    }

    private static void drawShareAxis(Markup svg) {
        for (int percent : new int[] {0, 50, 100}) {
            double y = PLOT_BOTTOM - (PLOT_BOTTOM - PLOT_TOP) * percent / 100.0;
            svg.empty("line", "x1", num(PLOT_LEFT), "x2", num(PLOT_RIGHT), "y1", num(y), "y2", num(y), "stroke", "#dadce0");
            svg.element("text", percent + "%", "x", num(PLOT_LEFT - 6), "y", num(y + 4), "text-anchor", "end");
        }
        svg.element("text", "share of probes", "x", "16", "y", num(SHARE_AXIS_NAME), "fill", "#5f6368");
    }

    /** One stacked bar per slice: blue, green, unknown, failed from the bottom, each with its figures as a tooltip. */
    private static void drawBuckets(Markup svg, List<TrafficBucket> buckets, Scale scale) {
        double height = PLOT_BOTTOM - PLOT_TOP;
        for (TrafficBucket bucket : buckets) {
            if (bucket.total() == 0) {
                continue;
            }
            double x = scale.x(bucket.fromMillis());
            double width = Math.max(1, scale.x(bucket.toMillis()) - x - 1);
            svg.open("g");
            svg.element("title", describe(bucket));
            double[] shares = {bucket.share(Color.BLUE), bucket.share(Color.GREEN), bucket.unknownShare(), bucket.failedShare()};
            String[] fills = {BLUE_FILL, GREEN_FILL, UNKNOWN_FILL, FAILED_FILL};
            double below = 0;
            for (int i = 0; i < shares.length; i++) {
                if (shares[i] > 0) {
                    double top = PLOT_BOTTOM - height * (below + shares[i]);
                    svg.empty("rect", "x", num(x), "y", num(top), "width", num(width),
                            "height", num(height * shares[i]), "fill", fills[i]);
                }
                below += shares[i];
            }
            svg.close("g");
        }
    }

    private static String describe(TrafficBucket bucket) {
        return String.format(Locale.ROOT, "%s to %s ms: %d probes, blue %.0f%%, green %.0f%%, unknown %.0f%%, failed %d",
                SwitchReport.signedMillis(bucket.fromMillis()), SwitchReport.signedMillis(bucket.toMillis()), bucket.total(),
                bucket.share(Color.BLUE) * 100, bucket.share(Color.GREEN) * 100, bucket.unknownShare() * 100, bucket.failed());
    }

    /** A red tick per failed probe in a strip under the plot; failures on the same pixel share one tick. */
    private static void drawFailures(Markup svg, SwitchReport report, Scale scale) {
        svg.element("text", "failed", "x", num(PLOT_LEFT - 6), "y", num(FAILURE_BOTTOM - 2),
                "text-anchor", "end", "fill", FAILED_FILL);
        svg.open("g", "stroke", FAILED_FILL, "stroke-width", "2");
        Set<Long> drawn = new HashSet<>();
        for (ProbeSample sample : report.samples()) {
            long relative = report.relativeMillis(sample);
            double x = scale.x(relative);
            if (sample.failed() && drawn.add(Math.round(x))) {
                svg.open("line", "x1", num(x), "x2", num(x), "y1", num(FAILURE_TOP), "y2", num(FAILURE_BOTTOM));
                String problem = sample.error() != null ? sample.error() : "HTTP " + sample.status();
                svg.element("title", SwitchReport.signedMillis(relative) + " ms: " + problem);
                svg.close("line");
            }
        }
        svg.close("g");
    }

    private static void drawTimeAxis(Markup svg, SwitchReport report, Scale scale) {
        long step = SwitchReport.roundStep(scale.from, scale.to, MAX_TICKS);
        for (long tick = Math.floorDiv(scale.from + step - 1, step) * step; tick <= scale.to; tick += step) {
            double x = scale.x(tick);
            svg.empty("line", "x1", num(x), "x2", num(x), "y1", num(FAILURE_BOTTOM), "y2", num(FAILURE_BOTTOM + 5),
                    "stroke", "#5f6368");
            svg.element("text", SwitchReport.signedMillis(tick), "x", num(x), "y", num(AXIS_LABELS), "text-anchor", "middle");
        }
        String axis = report.switchMarked()
                ? "milliseconds relative to the switch call"
                : "milliseconds since the watch started (no switch call was recorded)";
        svg.element("text", axis, "x", num((PLOT_LEFT + PLOT_RIGHT) / 2.0), "y", num(AXIS_LABELS + 20),
                "text-anchor", "middle", "fill", "#5f6368");
    }

    private static void drawSwitchLine(Markup svg, Scale scale) {
        double x = scale.x(0);
        svg.empty("line", "x1", num(x), "x2", num(x), "y1", num(PLOT_TOP - 6), "y2", num(FAILURE_BOTTOM),
                "stroke", "#202124", "stroke-width", "1.5", "stroke-dasharray", "4 3");
        svg.element("text", "switch", "x", num(x), "y", num(PLOT_TOP - 10), "text-anchor", "middle", "font-weight", "bold");
    }

    private static void drawLegend(Markup svg) {
        String[][] entries = {{BLUE_FILL, "answered by BLUE"}, {GREEN_FILL, "answered by GREEN"},
                {UNKNOWN_FILL, "answered, colour unknown"}, {FAILED_FILL, "failed"}};
        int x = PLOT_LEFT;
        for (String[] entry : entries) {
            svg.empty("rect", "x", num(x), "y", num(LEGEND - 10), "width", "12", "height", "12", "fill", entry[0]);
            svg.element("text", entry[1], "x", num(x + 18), "y", num(LEGEND));
            x += 200;
        }
    }

    private static String num(double value) {
        return value == Math.rint(value) ? Long.toString((long) value) : String.format(Locale.ROOT, "%.1f", value);
    }

    /** Maps milliseconds of the window onto the plot's x range. */
    private record Scale(long from, long to) {
        double x(long millis) {
            return PLOT_LEFT + (PLOT_RIGHT - PLOT_LEFT) * (double) (millis - from) / Math.max(1, to - from);
        }
    }
}
