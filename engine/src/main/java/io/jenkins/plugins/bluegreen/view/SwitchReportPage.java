package io.jenkins.plugins.bluegreen.view;

import io.jenkins.plugins.bluegreen.model.Durations;
import io.jenkins.plugins.bluegreen.model.ServiceState;
import io.jenkins.plugins.bluegreen.watch.Markup;
import io.jenkins.plugins.bluegreen.watch.ProbeSample;
import io.jenkins.plugins.bluegreen.watch.SessionDrainReport;
import io.jenkins.plugins.bluegreen.watch.SvgTimeline;
import io.jenkins.plugins.bluegreen.watch.SwitchReport;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The report the CLI writes next to the SVG after a switch: summary figures, the timeline, the failed probes and
 * the service's recent events, and, after a switch with {@code sessions: drain}, how the sessions pinned to the old
 * colour drained, as one self-contained HTML page. It has no script, no style and no external
 * references, and every text is escaped, so it is safe to open from disk or to serve as a build artifact under
 * a strict Content-Security-Policy.
 */
public final class SwitchReportPage {

    static final int MAX_FAILED_PROBES = 50;
    static final int MAX_EVENTS = 20;
    /** A drain of up to this many seconds is shown second by second; a longer one in as many equal spans. */
    static final int MAX_DRAIN_ROWS = 60;

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
     * @param drain how the sessions pinned to the old colour drained, or {@code null} without a session drain
     */
    public record View(String title, String started, String live, List<SwitchReport.Figure> figures, String failedNote,
            List<String> failedHeadings, List<List<String>> failedProbes, List<EventView> events, DrainView drain) {
        public View {
            figures = List.copyOf(figures);
            failedHeadings = List.copyOf(failedHeadings);
            failedProbes = List.copyOf(failedProbes);
            events = List.copyOf(events);
        }
    }

    /**
     * The session drain after the switch ({@code sessions: drain}); it ends after the watch window, so the report
     * holding it is written once the drain has ended.
     *
     * @param heading e.g. {@code Session drain of BLUE: idle}
     * @param ending how it ended, in short: {@code period ended}, {@code idle}, {@code rolled back} or {@code abandoned}
     * @param policy the cookie, period and idle interval
     * @param requests how many requests the old colour served after the switch
     * @param lastSeen when the old colour last served a request, relative to the switch
     * @param ended when and why the drain ended (with the error, if one abandoned it)
     * @param headings the series' headings: seconds after the switch, requests to the old colour
     * @param series one row per second (or per equal span, at most {@link #MAX_DRAIN_ROWS}) from the switch to the end
     */
    public record DrainView(String heading, String ending, String policy, String requests, String lastSeen, String ended,
            List<String> headings, List<List<String>> series) {
        public DrainView {
            headings = List.copyOf(headings);
            series = List.copyOf(series);
        }

        public static DrainView of(SessionDrainReport drain) {
            String old = drain.draining().name();
            String ending = switch (drain.ending()) {
                case PERIOD_ENDED -> "period ended";
                case IDLE -> "idle";
                case ROLLED_BACK -> "rolled back";
                case ABANDONED -> "abandoned";
            };
            return new DrainView("Session drain of " + old + ": " + ending, ending,
                    "Sessions pinned by cookie " + drain.policy().cookie() + " could stay on " + old + " for up to "
                            + Durations.format(drain.policy().period()) + " after the switch, or until "
                            + Durations.format(drain.policy().idle()) + " without a request.",
                    drain.oldRequests() + " requests reached " + old + " after the switch.",
                    drain.lastOldRequestMillis() < 0 ? "No request reached " + old + " after the switch."
                            : "The last request to " + old + " was seen " + SwitchReport.signedMillis(drain.lastOldRequestMillis())
                            + " ms after the switch.",
                    "The drain ended " + SwitchReport.signedMillis(drain.endedAtMillis()) + " ms after the switch: "
                            + drain.ending().description() + (drain.detail() == null ? "." : " (" + drain.detail() + ")."),
                    List.of("seconds after the switch", "requests to " + old), series(drain.oldRequestsPerSecond()));
        }

        /** Requests per second, or summed over equal spans of seconds when there are more than {@link #MAX_DRAIN_ROWS}. */
        private static List<List<String>> series(List<Long> perSecond) {
            int span = Math.max(1, (perSecond.size() + MAX_DRAIN_ROWS - 1) / MAX_DRAIN_ROWS);
            List<List<String>> rows = new ArrayList<>();
            for (int from = 0; from < perSecond.size(); from += span) {
                int to = Math.min(perSecond.size(), from + span);
                long requests = perSecond.subList(from, to).stream().mapToLong(Long::longValue).sum();
                rows.add(List.of(from + "\u2013" + to, Long.toString(requests)));
            }
            return rows;
        }
    }

    /** A report without a session drain: see {@link #view(SwitchReport, ServiceState, SessionDrainReport)}. */
    public static View view(SwitchReport report, ServiceState state) {
        return view(report, state, null);
    }

    /**
     * @param state the service as recorded after the switch (and its drain); gives the versions and the audit trail
     * @param drain the session drain after the switch, or {@code null}
     */
    public static View view(SwitchReport report, ServiceState state, SessionDrainReport drain) {
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
                rows, events.subList(0, Math.min(MAX_EVENTS, events.size())), drain == null ? null : DrainView.of(drain));
    }

    /** A report without a session drain: see {@link #render(SwitchReport, ServiceState, SessionDrainReport)}. */
    public static String render(SwitchReport report, ServiceState state) {
        return render(report, state, null);
    }

    /**
     * @param state the service as recorded after the switch (and its drain); gives the versions and the audit trail
     * @param drain the session drain after the switch, or {@code null}
     */
    public static String render(SwitchReport report, ServiceState state, SessionDrainReport drain) {
        View view = view(report, state, drain);
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
        if (view.drain() != null) {
            writeDrain(page, view.drain());
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

    private static void writeDrain(Markup page, DrainView drain) {
        page.element("h2", drain.heading());
        page.element("p", drain.policy());
        page.element("p", drain.requests() + " " + drain.lastSeen());
        page.element("p", drain.ended());
        page.open("table", "border", "1", "cellpadding", "4");
        headerRow(page, drain.headings().toArray(String[]::new));
        drain.series().forEach(cells -> row(page, cells.toArray(String[]::new)));
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
