package io.jenkins.plugins.bluegreen.view;

import static io.jenkins.plugins.bluegreen.watch.MarkupAssertions.elements;
import static io.jenkins.plugins.bluegreen.watch.MarkupAssertions.parseInert;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.bluegreen.driver.SessionPolicy;
import io.jenkins.plugins.bluegreen.model.Color;
import io.jenkins.plugins.bluegreen.model.EventType;
import io.jenkins.plugins.bluegreen.model.ServiceState;
import io.jenkins.plugins.bluegreen.model.StateMachine;
import io.jenkins.plugins.bluegreen.store.StateJson;
import io.jenkins.plugins.bluegreen.store.StateStoreException;
import io.jenkins.plugins.bluegreen.watch.ProbeSample;
import io.jenkins.plugins.bluegreen.watch.SessionDrainReport;
import io.jenkins.plugins.bluegreen.watch.SvgTimeline;
import io.jenkins.plugins.bluegreen.watch.SwitchReport;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

class SwitchReportPageTest {

    private static final String SCRIPT = "<script>alert(1)</script>";
    private static final Instant STARTED = Instant.parse("2026-11-22T05:10:29Z");

    private static SwitchReport blueToGreen(String service, int failures) {
        List<ProbeSample> samples = new ArrayList<>();
        for (long at = 0; at < 500; at += 10) {
            samples.add(new ProbeSample(at, at < 250 ? Color.BLUE : Color.GREEN, 200, 1_500, null));
        }
        for (int i = 0; i < failures; i++) {
            samples.add(new ProbeSample(500 + i, null, 0, 0, "connection refused #" + i));
        }
        return new SwitchReport(service, Color.BLUE, Color.GREEN, STARTED, 240, samples);
    }

    private static List<List<String>> rows(Document page, int table) {
        Element found = elements(page, "table").get(table);
        return elements(page, "tr").stream().filter(tr -> tr.getParentNode() == found)
                .map(tr -> elements(page).stream().filter(cell -> cell.getParentNode() == tr).map(Element::getTextContent).toList())
                .toList();
    }

    @Test
    void pageHasTitleFiguresInlineTimelineFailuresAndRecentEvents() throws Exception {
        ServiceState state = ServiceViewTest.greenLiveBlueStandby();

        Document page = parseInert(SwitchReportPage.render(blueToGreen("shop", 2), state));

        assertThat(elements(page, "h1").get(0).getTextContent()).isEqualTo("shop: BLUE (1.4.1) \u2192 GREEN (1.4.2)");
        assertThat(page.getDocumentElement().getTextContent()).contains("Live: GREEN (1.4.2).")
                .contains("the switch was called 240 ms into the window");
        assertThat(rows(page, 0)).containsExactly(
                List.of("probes", "52"), List.of("failed", "2"), List.of("first on GREEN", "+10 ms"),
                List.of("100% on GREEN", "+10 ms"), List.of("p99 latency", "1.5 ms"));
        Element svg = elements(page, "svg").get(0);
        assertThat(svg.getNamespaceURI()).isEqualTo("http://www.w3.org/2000/svg");
        assertThat(rows(page, 1)).containsExactly(
                List.of("ms from switch", "HTTP status", "answered by", "latency", "error"),
                List.of("+260", "no response", "unknown", "0.0 ms", "connection refused #0"),
                List.of("+261", "no response", "unknown", "0.0 ms", "connection refused #1"));
        List<List<String>> events = rows(page, 2);
        assertThat(events).hasSize(1 + 8);
        assertThat(events.get(1)).containsExactly("2026-11-22T05:10:30Z", "SWITCHED", "green", "1.4.2", "bob",
                "switched traffic to GREEN (1.4.2)");
    }

    @Test
    void theTimelineAloneLabelsBothColoursWithTheirVersionsAndSurvivesAJsonRoundTrip() throws Exception {
        ServiceState state = ServiceViewTest.greenLiveBlueStandby();
        SwitchReport report = StateJson.fromJson(StateJson.toJson(blueToGreen("shop", 1)), SwitchReport.class, "test");

        Document svg = parseInert(SwitchReportPage.timeline(report, state));

        assertThat(svg.getDocumentElement().getLocalName()).isEqualTo("svg");
        assertThat(svg.getDocumentElement().getTextContent()).contains("BLUE (1.4.1)").contains("GREEN (1.4.2)");
        assertThatThrownBy(() -> StateJson.fromJson("{\"service\": 1, \"bogus\": true}", SwitchReport.class, "build.xml"))
                .isInstanceOf(StateStoreException.class).hasMessageStartingWith("build.xml is not a valid SwitchReport");
    }

    @Test
    void theViewHoldsWhatThePluginPageShowsInsideJenkinsLayout() {
        ServiceState state = ServiceViewTest.greenLiveBlueStandby();

        SwitchReportPage.View view = SwitchReportPage.view(blueToGreen("shop", 2), state);

        assertThat(view.title()).isEqualTo("shop: BLUE (1.4.1) \u2192 GREEN (1.4.2)");
        assertThat(view.live()).isEqualTo("Live: GREEN (1.4.2).");
        assertThat(view.figures()).isNotEmpty();
        assertThat(view.failedProbes()).hasSize(2).allSatisfy(cells -> assertThat(cells).hasSameSizeAs(view.failedHeadings()));
        assertThat(view.failedNote()).isEmpty();
        assertThat(view.events()).first().extracting(EventView::type).isEqualTo("SWITCHED");
    }

    @Test
    void failedProbesAndEventsAreCapped() throws Exception {
        ServiceState state = ServiceViewTest.greenLiveBlueStandby();
        for (int i = 0; i < 30; i++) {
            state = StateMachine.rolledBack(state, EventType.DRILL, "drill", STARTED, "drill " + i);
        }

        Document page = parseInert(SwitchReportPage.render(blueToGreen("shop", 70), state));

        assertThat(page.getDocumentElement().getTextContent()).contains("The first 50 of 70 failed probes.");
        assertThat(rows(page, 1)).hasSize(1 + SwitchReportPage.MAX_FAILED_PROBES);
        assertThat(rows(page, 2)).hasSize(1 + SwitchReportPage.MAX_EVENTS);
        assertThat(rows(page, 2).get(1).get(5)).contains("drill 29");
    }

    @Test
    void scriptInServiceVersionActorAndDetailIsInertInPageAndSvg() throws Exception {
        ServiceState state = ServiceState.initial(SCRIPT);
        state = StateMachine.startDeploy(state, Color.BLUE, SCRIPT, List.of(), SCRIPT, STARTED);
        state = StateMachine.failDeploy(state, Color.BLUE, SCRIPT, STARTED, SCRIPT + "\"><img src=x onerror=alert(2)>");
        SwitchReport report = new SwitchReport(SCRIPT, null, Color.BLUE, STARTED, 0, List.of(
                new ProbeSample(5, null, 0, 0, SCRIPT)));

        String html = SwitchReportPage.render(report, state);
        String svg = SvgTimeline.render(report, "nothing live", state.blue().describe());
        Document page = parseInert(html);
        parseInert(svg);

        assertThat(html).contains("&lt;script&gt;alert(1)&lt;/script&gt;");
        assertThat(svg).contains("&lt;script&gt;alert(1)&lt;/script&gt;");
        assertThat(elements(page, "h1").get(0).getTextContent()).isEqualTo(SCRIPT + ": nothing live \u2192 BLUE (" + SCRIPT + ")");
        assertThat(rows(page, 1).get(1)).containsExactly("+5", "no response", "unknown", "0.0 ms", SCRIPT);
        assertThat(rows(page, 2).get(1)).containsExactly("2026-11-22T05:10:29Z", "DEPLOY_FAILED", "blue", SCRIPT, SCRIPT,
                "deployment of " + SCRIPT + " to BLUE failed: " + SCRIPT + "\"><img src=x onerror=alert(2)>");
        assertThat(elements(page, "img")).isEmpty();
    }

    private static final SessionPolicy SRV = new SessionPolicy("SRV", Duration.ofMinutes(15), Duration.ofSeconds(2));

    /** BLUE drains: 12 requests in the first second, 3 in the second, then nothing until the idle interval ends it. */
    private static SessionDrainReport blueDrained() {
        return new SessionDrainReport(Color.BLUE, SRV, List.of(
                new SessionDrainReport.Sample(0, 0, 1, null), new SessionDrainReport.Sample(500, 8, 0, null),
                new SessionDrainReport.Sample(1000, 4, 0, null), new SessionDrainReport.Sample(1500, 3, 0, null),
                new SessionDrainReport.Sample(2500, 0, 0, null), new SessionDrainReport.Sample(3500, 0, 0, null)),
                1500, SessionDrainReport.Ending.IDLE, 3512, null);
    }

    @Test
    void theDrainShowsRequestsToTheOldColourPerSecondTheLastOneAndHowItEnded() throws Exception {
        ServiceState state = ServiceViewTest.greenLiveBlueStandby();
        SessionDrainReport drain = StateJson.fromJson(StateJson.toJson(blueDrained()), SessionDrainReport.class, "test");

        SwitchReportPage.DrainView view = SwitchReportPage.view(blueToGreen("shop", 0), state, drain).drain();

        assertThat(view.heading()).isEqualTo("Session drain of BLUE: idle");
        assertThat(view.ending()).isEqualTo("idle");
        assertThat(view.policy()).isEqualTo("Sessions pinned by cookie SRV could stay on BLUE for up to 15m after the switch,"
                + " or until 2s without a request.");
        assertThat(view.requests()).isEqualTo("15 requests reached BLUE after the switch.");
        assertThat(view.lastSeen()).isEqualTo("The last request to BLUE was seen +1500 ms after the switch.");
        assertThat(view.ended()).isEqualTo("The drain ended +3512 ms after the switch: no request reached the old colour for"
                + " the idle interval.");
        assertThat(view.headings()).containsExactly("seconds after the switch", "requests to BLUE");
        assertThat(view.series()).containsExactly(List.of("0\u20131", "12"), List.of("1\u20132", "3"), List.of("2\u20133", "0"),
                List.of("3\u20134", "0"));

        Document page = parseInert(SwitchReportPage.render(blueToGreen("shop", 0), state, drain));
        assertThat(elements(page, "h2").stream().map(Element::getTextContent)).contains("Session drain of BLUE: idle");
        assertThat(rows(page, 1)).containsExactly(List.of("seconds after the switch", "requests to BLUE"),
                List.of("0\u20131", "12"), List.of("1\u20132", "3"), List.of("2\u20133", "0"), List.of("3\u20134", "0"));
        assertThat(SwitchReportPage.view(blueToGreen("shop", 0), state).drain()).isNull();
    }

    @Test
    void aDrainThatServedNothingOrWasAbandonedSaysSoAndALongOneIsSummedIntoSpans() {
        ServiceState state = ServiceViewTest.greenLiveBlueStandby();
        List<SessionDrainReport.Sample> hourly = new ArrayList<>();
        for (long at = 1000; at <= 3_600_000; at += 1000) {
            hourly.add(new SessionDrainReport.Sample(at, 1, 0, null));
        }
        SessionDrainReport abandoned = new SessionDrainReport(Color.GREEN, SRV, List.of(), -1,
                SessionDrainReport.Ending.ABANDONED, 40, "router unreachable");
        SessionDrainReport rolledBack = new SessionDrainReport(Color.BLUE, SRV, hourly, 3_600_000,
                SessionDrainReport.Ending.ROLLED_BACK, 3_600_000, null);

        SwitchReportPage.DrainView none = SwitchReportPage.view(blueToGreen("shop", 0), state, abandoned).drain();
        SwitchReportPage.DrainView hour = SwitchReportPage.view(blueToGreen("shop", 0), state, rolledBack).drain();

        assertThat(none.heading()).isEqualTo("Session drain of GREEN: abandoned");
        assertThat(none.lastSeen()).isEqualTo("No request reached GREEN after the switch.");
        assertThat(none.ended()).startsWith("The drain ended +40 ms after the switch: the drain could not be ended;")
                .endsWith(" (router unreachable).");
        assertThat(none.series()).isEmpty();
        assertThat(hour.ending()).isEqualTo("rolled back");
        assertThat(hour.series()).hasSize(SwitchReportPage.MAX_DRAIN_ROWS);
        assertThat(hour.series().get(0)).containsExactly("0\u201360", "60");
        assertThat(hour.series().stream().mapToLong(cells -> Long.parseLong(cells.get(1))).sum()).isEqualTo(3600);
    }

    @Test
    void emptyWindowWithoutEventsStillRenders() throws Exception {
        SwitchReport report = new SwitchReport("shop", null, Color.BLUE, STARTED, -1, List.of());

        Document page = parseInert(SwitchReportPage.render(report, ServiceState.initial("shop")));

        assertThat(page.getDocumentElement().getTextContent()).contains("No probe failed.").contains("No events recorded.")
                .contains("no switch call was recorded").contains("Nothing live yet.");
    }
}
