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

    /**
     * The report's content, for the plugin's page inside Jenkins' layout and for {@link #render}.
     *
     * @param started when the watch started and when the switch was called in it
     * @param live the live label after the switch, e.g. {@code Live: GREEN (1.4.2)}
     * @param failedNote a sentence above the failed probes: none failed, or only the first ones are listed
     * @param failedHeadings the failed probes table's headings
     * @param failedProbes one row of cells per failed probe (at most {@link #MAX_FAILED_PROBES})
     * @param events the newest events (at most {@link #MAX_EVENTS}), newest first
     */
    public record View(String title, String started, String live, List<SwitchReport.Figure> figures, String failedNote,
            List<String> failedHeadings, List<List<String>> failedProbes, List<EventView> events) {
        public View {
            figures = List.copyOf(figures);
            failedHeadings = List.copyOf(failedHeadings);
            failedProbes = List.copyOf(failedProbes);
            events = List.copyOf(events);
        }
    }

    /** @param state the service as recorded after the switch; gives the versions and the audit trail */
    public static View view(SwitchReport report, ServiceState state) {
        String title = SvgTimeline.title(report, fromLabel(report, state), state.environment(report.to()).describe());
        ServiceView service = ServiceView.of(state, Optional.empty(), null);
        List<ProbeSample> failed = report.samples().stream().filter(ProbeSample::failed).toList();
        String failedNote = failed.isEmpty() ? "No probe failed."
                : failed.size() > MAX_FAILED_PROBES ? "The first " + MAX_FAILED_PROBES + " of " + failed.size() + " failed probes." : "";
        List<List<String>> rows = failed.subList(0, Math.min(MAX_FAILED_PROBES, failed.size())).stream()
                .map(sample -> List.of(SwitchReport.signedMillis(report.relativeMillis(sample)),
                        sample.status() == 0 ? "no response" : Integer.toString(sample.status()),
                        sample.color() == null ? "unknown" : sample.color().name(),
                        String.format(Locale.ROOT, "%.1f ms", sample.latencyMicros() / 1000.0),
                        sample.error() == null ? "" : sample.error()))
                .toList();
        List<EventView> events = service.events();
        return new View(title, "Watch started " + report.startedAt() + (report.switchMarked()
                        ? "; the switch was called " + report.switchAtMillis() + " ms into the window."
                        : "; no switch call was recorded, so times count from the start of the window."),
                service.liveLabel() + ".", report.figures(), failedNote,
                List.of(report.switchMarked() ? "ms from switch" : "ms from start", "HTTP status", "answered by", "latency", "error"),
                rows, events.subList(0, Math.min(MAX_EVENTS, events.size())));
    }

    /** @param state the service as recorded after the switch; gives the versions and the audit trail */
    public static String render(SwitchReport report, ServiceState state) {
        View view = view(report, state);
        Markup page = new Markup().htmlDoctype();
        page.open("html", "xmlns", "http://www.w3.org/1999/xhtml", "lang", "en");
        page.open("head")
                .empty("meta", "charset", "utf-8")
                .element("title", "Switch report - " + view.title())
                .close("head");
        page.open("body");
        page.element("h1", view.title());
        page.element("p", view.started());
        page.element("p", view.live());

        page.element("h2", "Summary");
        page.open("table", "border", "1", "cellpadding", "4");
        for (SwitchReport.Figure figure : view.figures()) {
            page.open("tr").element("th", figure.label(), "align", "left").element("td", figure.value()).close("tr");
        }
        page.close("table");

        page.element("h2", "Timeline");
        page.embed(SvgTimeline.draw(report, fromLabel(report, state), state.environment(report.to()).describe()));

        page.element("h2", "Failed probes");
        if (!view.failedNote().isEmpty()) {
            page.element("p", view.failedNote());
        }
        if (!view.failedProbes().isEmpty()) {
            page.open("table", "border", "1", "cellpadding", "4");
            headerRow(page, view.failedHeadings().toArray(String[]::new));
            view.failedProbes().forEach(cells -> row(page, cells.toArray(String[]::new)));
            page.close("table");
        }
        writeEvents(page, view.events());
        return page.close("body").close("html").toString();
    }

    /** The SVG timeline alone, its colours labelled with their versions, e.g. {@code GREEN (1.4.2)}. */
    public static String timeline(SwitchReport report, ServiceState state) {
        return SvgTimeline.render(report, fromLabel(report, state), state.environment(report.to()).describe());
    }

    private static String fromLabel(SwitchReport report, ServiceState state) {
        return report.from() == null ? "nothing live" : state.environment(report.from()).describe();
    }

    private static void writeEvents(Markup page, List<EventView> events) {
        page.element("h2", "Recent events");
        if (events.isEmpty()) {
            page.element("p", "No events recorded.");
            return;
        }
        page.open("table", "border", "1", "cellpadding", "4");
        headerRow(page, "time (UTC)", "event", "colour", "version", "actor", "detail");
        for (EventView event : events) {
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
