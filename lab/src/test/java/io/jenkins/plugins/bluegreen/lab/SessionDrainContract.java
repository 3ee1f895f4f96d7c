package io.jenkins.plugins.bluegreen.lab;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.bluegreen.driver.SessionPolicy;
import io.jenkins.plugins.bluegreen.model.Color;
import io.jenkins.plugins.bluegreen.model.EventType;
import io.jenkins.plugins.bluegreen.release.BlueGreenEngine.SwitchOptions;
import io.jenkins.plugins.bluegreen.release.Results.Switched;
import io.jenkins.plugins.bluegreen.release.ServiceDefinition;
import io.jenkins.plugins.bluegreen.view.SwitchReportPage;
import io.jenkins.plugins.bluegreen.watch.MarkupAssertions;
import io.jenkins.plugins.bluegreen.watch.SessionDrainReport;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * {@code sessions: drain} against a real router, with sticky clients: each keeps the cookie the router set and checks
 * that every answer comes from the colour that answered its first request. Subclasses start the router.
 */
public abstract class SessionDrainContract extends RouterFixture {

    protected static final String COOKIE = "SRV";
    private static final int CLIENTS = 12;

    /** Starts the router in front of the two backends, blue live, pinning sessions with {@code cookie}. */
    protected interface Launcher {
        LabRouter start(String blueUrl, String greenUrl, String cookie);
    }

    private final String program;
    private final Launcher launcher;
    protected ServiceDefinition plain;

    protected SessionDrainContract(String program, Launcher launcher) {
        this.program = program;
        this.launcher = launcher;
    }

    @BeforeEach
    void startRouterAndStageGreen() throws IOException {
        TestPrerequisites.requireProgram(program);
        plain = startWithGreenStaged((blueUrl, greenUrl) -> launcher.start(blueUrl, greenUrl, COOKIE));
    }

    @Test
    void drainKeepsPinnedSessionsOnTheOldColourUntilTheyEndAndSendsNewOnesToTheNewColour() throws Exception {
        // Sessions of 15 requests 60 ms apart (about 1 s): the old ones end on their own well before the period.
        StickyLoad load = StickyLoad.start(router.publicUrl(), COOKIE, CLIENTS, 15, Duration.ofMillis(60), Duration.ofSeconds(6));
        pause(1500);

        Switched switched = switchWith(load, new SessionPolicy(COOKIE, Duration.ofSeconds(30), Duration.ofSeconds(1)));
        StickyLoad.Result result = load.await(drainEnd(load, switched));

        SessionDrainReport drain = switched.drain();
        assertThat(drain.ending()).as(drain.summary()).isEqualTo(SessionDrainReport.Ending.IDLE);
        assertThat(result.broken()).as(result.summary() + " " + result.samples()).isZero();
        assertThat(result.newOnOld()).as(result.summary()).isZero();
        assertThat(result.failed()).as(result.summary()).isZero();
        assertThat(result.lastOldAnswerMillis()).as(result.summary()).isPositive();
        assertThat(drain.oldRequests()).as(drain.summary()).isPositive();
        assertThat(drain.lastOldRequestMillis()).as(drain.summary()).isPositive().isLessThan(drain.endedAtMillis());
        assertThat(scenario.state().live()).isEqualTo(Color.GREEN);
        assertThat(scenario.state().events()).extracting(e -> e.type()).contains(EventType.SESSIONS_DRAINED);
        assertThat(driver.observeLive()).contains(Color.GREEN);
        assertThat(answerWithCookie("blue")).as("a session still pinned to blue once the drain ended").isEqualTo(Color.GREEN);
        assertReportShowsTheDrain(switched);
    }

    /** The switch report, written once the drain has ended, shows the drain: the requests to blue over time, the last, the end. */
    private static void assertReportShowsTheDrain(Switched switched) throws Exception {
        SessionDrainReport drain = switched.drain();
        Document page = MarkupAssertions.parseInert(SwitchReportPage.render(switched.report(), switched.state(), drain));
        String text = page.getDocumentElement().getTextContent();

        assertThat(MarkupAssertions.elements(page, "h2")).extracting(Element::getTextContent).contains("Session drain of BLUE: idle");
        assertThat(text).contains(drain.oldRequests() + " requests reached BLUE after the switch.")
                .contains("The last request to BLUE was seen +" + drain.lastOldRequestMillis() + " ms after the switch.")
                .contains("The drain ended +" + drain.endedAtMillis() + " ms after the switch: " + drain.ending().description());
        List<List<String>> series = SwitchReportPage.view(switched.report(), switched.state(), drain).drain().series();
        assertThat(series).hasSize(drain.oldRequestsPerSecond().size());
        assertThat(series.stream().mapToLong(cells -> Long.parseLong(cells.get(1))).sum()).isEqualTo(drain.oldRequests());
    }

    @Test
    void plainSwitchBreaksTheSessionsPinnedToTheOldColour() {
        StickyLoad load = StickyLoad.start(router.publicUrl(), COOKIE, CLIENTS, 15, Duration.ofMillis(60), Duration.ofSeconds(4));
        pause(1500);

        load.switching(Color.GREEN);
        scenario.engine.switchTraffic(plain, SwitchOptions.unattended(ReleaseScenario.ACTOR));
        load.switchReturned();
        StickyLoad.Result result = load.await(Long.MAX_VALUE);

        assertThat(result.broken()).as(result.summary()).isPositive();
        assertThat(result.brokenOnOld()).isEqualTo(result.broken());
    }

    @Test
    void drainEndsAtThePeriodAndOnlyThenMovesLongerSessions() {
        // Sessions of about 4 s never leave the old colour idle: the 2 s period ends the drain.
        StickyLoad load = StickyLoad.start(router.publicUrl(), COOKIE, CLIENTS, 80, Duration.ofMillis(50), Duration.ofSeconds(6));
        pause(1000);

        Switched switched = switchWith(load, new SessionPolicy(COOKIE, Duration.ofSeconds(2), Duration.ofSeconds(2)));
        StickyLoad.Result result = load.await(drainEnd(load, switched));

        assertThat(switched.drain().ending()).as(switched.drain().summary()).isEqualTo(SessionDrainReport.Ending.PERIOD_ENDED);
        assertThat(switched.drain().endedAtMillis()).isGreaterThanOrEqualTo(2000);
        assertThat(result.broken()).as(result.summary() + " " + result.samples()).isZero();
        assertThat(result.moved()).as("sessions still on blue when the period ended: " + result.summary()).isPositive();
        assertThat(result.failed()).isZero();
        assertThat(driver.observeLive()).contains(Color.GREEN);
    }

    @Test
    void rollbackDuringADrainCancelsItAndPutsEverySessionOnTheOldColour() throws Exception {
        SessionPolicy sessions = new SessionPolicy(COOKIE, Duration.ofSeconds(60), Duration.ofSeconds(60));
        StickyLoad load = StickyLoad.start(router.publicUrl(), COOKIE, CLIENTS, 15, Duration.ofMillis(60), Duration.ofSeconds(5));
        pause(1000);
        load.switching(Color.GREEN);
        CompletableFuture<Switched> switching = CompletableFuture.supplyAsync(
                () -> scenario.engine.switchTraffic(plain.withSessions(sessions), SwitchOptions.unattended(ReleaseScenario.ACTOR)));
        awaitLive(Color.GREEN);
        load.switchReturned();
        pause(1000);
        assertThat(answerWithCookie("blue")).as("a session pinned to blue during the drain").isEqualTo(Color.BLUE);
        assertThat(answerWithCookie(null)).as("a new session during the drain").isEqualTo(Color.GREEN);

        // The switch holds the lease through its watch window; the drain that follows does not.
        scenario.engine.rollback(plain.withTimeouts(plain.driverTimeout(), plain.confirmTimeout(), Duration.ofSeconds(10)),
                ReleaseScenario.ACTOR, "rollback during the drain");
        Switched switched = switching.get(20, TimeUnit.SECONDS);
        StickyLoad.Result result = load.await(Long.MAX_VALUE);

        assertThat(switched.drain().ending()).as(switched.drain().summary()).isEqualTo(SessionDrainReport.Ending.ROLLED_BACK);
        assertThat(scenario.state().live()).isEqualTo(Color.BLUE);
        assertThat(scenario.state().events()).extracting(e -> e.type()).doesNotContain(EventType.SESSIONS_DRAINED);
        assertThat(driver.observeLive()).contains(Color.BLUE);
        assertThat(answerWithCookie("green")).as("a session pinned to green after the rollback").isEqualTo(Color.BLUE);
        assertThat(answerWithCookie("blue")).isEqualTo(Color.BLUE);
        assertThat(answerWithCookie(null)).isEqualTo(Color.BLUE);
        // Sessions that stayed on blue were never moved; those begun on green came back to blue with the rollback.
        assertThat(result.brokenOnOld()).as(result.summary() + " " + result.samples()).isZero();
        assertThat(result.failed()).as(result.summary()).isZero();
    }

    private Switched switchWith(StickyLoad load, SessionPolicy sessions) {
        load.switching(Color.GREEN);
        CompletableFuture<Switched> switching = CompletableFuture.supplyAsync(
                () -> scenario.engine.switchTraffic(plain.withSessions(sessions), SwitchOptions.unattended(ReleaseScenario.ACTOR)));
        awaitLive(Color.GREEN);
        load.switchReturned();
        return switching.join();
    }

    /** When the drain ended by the engine's report, on the load's clock (both count from the switch call). */
    private static long drainEnd(StickyLoad load, Switched switched) {
        return load.switchNanos() + TimeUnit.MILLISECONDS.toNanos(switched.drain().endedAtMillis());
    }

    private void awaitLive(Color color) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (scenario.state().live() != color && System.nanoTime() < deadline) {
            pause(5);
        }
        assertThat(scenario.state().live()).isEqualTo(color);
    }

    /** The colour that answers one request carrying {@code SRV=<value>} (none for {@code null}). */
    protected Color answerWithCookie(String value) {
        Request.Builder request = new Request.Builder().url(router.publicUrl());
        if (value != null) {
            request.header("Cookie", COOKIE + "=" + value);
        }
        try (Response response = scenario.http.newCall(request.build()).execute()) {
            return Color.find(String.valueOf(response.header("X-Color"))).orElse(null);
        } catch (IOException e) {
            throw new AssertionError("the router did not answer: " + e.getMessage(), e);
        }
    }

    protected static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
