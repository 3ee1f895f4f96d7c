package io.jenkins.plugins.bluegreen.view;

import io.jenkins.plugins.bluegreen.model.ServiceState;
import io.jenkins.plugins.bluegreen.watch.Markup;
import io.jenkins.plugins.bluegreen.watch.ProbeSample;
import io.jenkins.plugins.bluegreen.watch.SvgTimeline;
import io.jenkins.plugins.bluegreen.watch.SwitchReport;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The report the CLI writes next to the SVG after a switch: summary figures, the timeline, the failed probes and
 * the service's recent events, as one self-contained HTML page. It has no script, no style and no external
 * references, and every text is escaped, so it is safe to open from disk or to serve as a build artifact under
 * a strict Content-Security-Policy.
 */
public final class SwitchReportPage {

    static final int MAX_FAILED_PROBES = 50;
    static final int MAX_EVENTS = 20;

    private SwitchReportPage() {}

    /** @param state the service as recorded after the switch; gives the versions and the audit trail */
    public static String render(SwitchReport report, ServiceState state) {
        String fromLabel = fromLabel(report, state);
        String toLabel = state.environment(report.to()).describe();
        String title = SvgTimeline.title(report, fromLabel, toLabel);
        ServiceView service = ServiceView.of(state, Optional.empty(), null);

        Markup page = new Markup().htmlDoctype();
        page.open("html", "xmlns", "http://www.w3.org/1999/xhtml", "lang", "en");
        page.open("head")
                .empty("meta", "charset", "utf-8")
                .element("title", "Switch report - " + title)
                .close("head");
        page.open("body");
        page.element("h1", title);
        page.element("p", "Watch started " + report.startedAt() + (report.switchMarked()
                ? "; the switch was called " + report.switchAtMillis() + " ms into the window."
                : "; no switch call was recorded, so times count from the start of the window."));
        page.element("p", service.liveLabel() + ".");

        page.element("h2", "Summary");
        page.open("table", "border", "1", "cellpadding", "4");
        for (SwitchReport.Figure figure : report.figures()) {
            page.open("tr").element("th", figure.label(), "align", "left").element("td", figure.value()).close("tr");
        }
        page.close("table");

        page.element("h2", "Timeline");
        page.embed(SvgTimeline.draw(report, fromLabel, toLabel));

        writeFailedProbes(page, report);
        writeEvents(page, service.events());
        return page.close("body").close("html").toString();
    }

    /** The SVG timeline alone, its colours labelled with their versions, e.g. {@code GREEN (1.4.2)}. */
    public static String timeline(SwitchReport report, ServiceState state) {
        return SvgTimeline.render(report, fromLabel(report, state), state.environment(report.to()).describe());
    }

    private static String fromLabel(SwitchReport report, ServiceState state) {
        return report.from() == null ? "nothing live" : state.environment(report.from()).describe();
    }

    private static void writeFailedProbes(Markup page, SwitchReport report) {
        List<ProbeSample> failed = report.samples().stream().filter(ProbeSample::failed).toList();
        page.element("h2", "Failed probes");
        if (failed.isEmpty()) {
            page.element("p", "No probe failed.");
            return;
        }
        if (failed.size() > MAX_FAILED_PROBES) {
            page.element("p", "The first " + MAX_FAILED_PROBES + " of " + failed.size() + " failed probes.");
        }
        page.open("table", "border", "1", "cellpadding", "4");
        headerRow(page, report.switchMarked() ? "ms from switch" : "ms from start", "HTTP status", "answered by", "latency", "error");
        for (ProbeSample sample : failed.subList(0, Math.min(MAX_FAILED_PROBES, failed.size()))) {
            row(page, SwitchReport.signedMillis(report.relativeMillis(sample)),
                    sample.status() == 0 ? "no response" : Integer.toString(sample.status()),
                    sample.color() == null ? "unknown" : sample.color().name(),
                    String.format(Locale.ROOT, "%.1f ms", sample.latencyMicros() / 1000.0),
                    sample.error() == null ? "" : sample.error());
        }
        page.close("table");
    }

    private static void writeEvents(Markup page, List<EventView> events) {
        page.element("h2", "Recent events");
        if (events.isEmpty()) {
            page.element("p", "No events recorded.");
            return;
        }
        page.open("table", "border", "1", "cellpadding", "4");
        headerRow(page, "time (UTC)", "event", "colour", "version", "actor", "detail");
        for (EventView event : events.subList(0, Math.min(MAX_EVENTS, events.size()))) {
            row(page, event.at(), event.type(), event.color(), event.version(), event.actor(), event.detail());
        }
        page.close("table");
    }

    private static void headerRow(Markup page, String... headings) {
        page.open("tr");
        for (String heading : headings) {
            page.element("th", heading, "align", "left");
        }
        page.close("tr");
    }

    private static void row(Markup page, String... cells) {
        page.open("tr");
        for (String cell : cells) {
            page.element("td", cell);
        }
        page.close("tr");
    }
}
