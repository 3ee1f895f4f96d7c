package io.jenkins.plugins.bluegreen.lab;

import io.jenkins.plugins.bluegreen.demo.DemoBackend;
import io.jenkins.plugins.bluegreen.driver.SessionPolicy;
import io.jenkins.plugins.bluegreen.model.Color;
import io.jenkins.plugins.bluegreen.release.BlueGreenEngine;
import io.jenkins.plugins.bluegreen.release.ReleaseLog;
import io.jenkins.plugins.bluegreen.release.Results.Switched;
import io.jenkins.plugins.bluegreen.release.ServiceDefinition;
import io.jenkins.plugins.bluegreen.store.InMemoryStateStore;
import io.jenkins.plugins.bluegreen.watch.WatchPolicy;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.ToLongFunction;
import okhttp3.OkHttpClient;

/**
 * Sticky sessions through a switch: the same load of sticky clients ({@link StickyLoad}) through a plain switch and
 * through a switch with {@code sessions: drain}, for each router that can drain sessions. A session is broken when
 * another colour answers it before the drain ended (with a plain switch: at all).
 */
public final class SessionBench {

    public static final String PLAIN = "plain switch";
    public static final String DRAIN = "sessions: drain";
    public static final String COOKIE = "SRV";
    private static final int CLIENTS = 24;
    private static final int REQUESTS_PER_SESSION = 20;
    private static final Duration PAUSE = Duration.ofMillis(50);
    private static final Duration IDLE = Duration.ofSeconds(1);
    public static final String HEADING = "## Sticky sessions through a switch";

    /** Starts a router that pins sessions with the cookie, blue live. */
    private interface Launcher {
        LabRouter start(String blueUrl, String greenUrl, String cookie);
    }

    private static final Map<String, Launcher> ROUTERS = Map.of("haproxy", HaproxyLab::startWithSessionCookie,
            "nginx-lua", NginxLab::startLuaWithSessionCookie);

    /**
     * All runs of one method on one router.
     *
     * @param toLastOldMillis per run, from the switch call to the last answer from the old colour (-1: none)
     * @param drainEndedMillis per run, when the drain ended after the switch call (empty for a plain switch)
     */
    public record Row(String router, String method, long sessions, long requests, long failed, long broken, long moved,
            List<Long> toLastOldMillis, List<Long> drainEndedMillis) {}

    private SessionBench() {}

    /** The routers of {@code candidates} that can drain sessions and are installed. */
    public static List<String> routers(List<String> candidates) {
        return candidates.stream().filter(ROUTERS::containsKey).filter(RouterLab::installed).toList();
    }

    /** Each router with a plain switch and with a drain, {@code runs} runs of {@code duration} each. */
    public static List<Row> run(List<String> routers, Duration duration, int runs, Consumer<String> progress) {
        List<Row> rows = new ArrayList<>();
        for (String router : routers) {
            for (String method : List.of(PLAIN, DRAIN)) {
                List<Measured> measured = new ArrayList<>();
                for (int i = 1; i <= runs; i++) {
                    progress.accept("sticky sessions / " + router + " / " + method + ": run " + i + " of " + runs);
                    measured.add(measure(router, method, duration));
                }
                rows.add(new Row(router, method, sum(measured, r -> r.load().sessions()), sum(measured, r -> r.load().requests()),
                        sum(measured, r -> r.load().failed()), sum(measured, r -> r.load().broken()), sum(measured, r -> r.load().moved()),
                        measured.stream().map(r -> r.load().lastOldAnswerMillis()).toList(),
                        measured.stream().filter(r -> r.drainEndedMillis() >= 0).map(Measured::drainEndedMillis).toList()));
            }
        }
        return rows;
    }

    private record Measured(StickyLoad.Result load, long drainEndedMillis) {}

    private static long sum(List<Measured> runs, ToLongFunction<Measured> figure) {
        return runs.stream().mapToLong(figure).sum();
    }

    /**
     * One run: the load starts on blue, switches to green a quarter in (or, on a slow machine, once as many sessions
     * as there are clients have been pinned, at most half-way), and runs to its end.
     */
    private static Measured measure(String router, String method, Duration duration) {
        try (DemoBackend blue = DemoBackend.start(Color.BLUE, "1.0", 0);
             DemoBackend green = DemoBackend.start(Color.GREEN, "2.0", 0);
             LabRouter lab = ROUTERS.get(router).start(blue.url(), green.url(), COOKIE)) {
            OkHttpClient http = new OkHttpClient();
            BlueGreenEngine engine = new BlueGreenEngine(new InMemoryStateStore(), http, Clock.systemUTC(), ReleaseLog.silent());
            ServiceDefinition def = ServiceDefinition.of("bench", lab.driverConfig().create(http, lab.secrets()))
                    .withUrls(blue.url(), green.url())
                    .withPublicUrl(lab.publicUrl(), new WatchPolicy(Duration.ZERO, 50, Integer.MAX_VALUE, false));
            LabRelease.liveOnBlueWithGreenStaged(engine, def, "bench");
            if (DRAIN.equals(method)) {
                def = def.withSessions(new SessionPolicy(COOKIE, duration, IDLE));
            }
            StickyLoad load = StickyLoad.start(lab.publicUrl(), COOKIE, CLIENTS, REQUESTS_PER_SESSION, PAUSE, duration);
            sleep(duration.toMillis() / 4);
            load.awaitPinnedSessions(CLIENTS, duration.dividedBy(4));
            load.switching(Color.GREEN);
            // With a drain, the call returns once the drain has ended.
            Switched switched = engine.switchTraffic(def, BlueGreenEngine.SwitchOptions.unattended("bench"));
            long drainEnded = switched.drain() == null ? -1 : switched.drain().endedAtMillis();
            return new Measured(load.await(drainEnded < 0 ? Long.MAX_VALUE
                    : load.switchNanos() + TimeUnit.MILLISECONDS.toNanos(drainEnded)), drainEnded);
        } catch (IOException e) {
            throw new UncheckedIOException(router + " / " + method + " run failed", e);
        }
    }

    // ------------------------------------------------------------------ report

    public static String markdown(List<Row> rows) {
        StringBuilder table = new StringBuilder(String.format(Locale.ROOT, "%d sticky clients, each running sessions of %d requests"
                + " %d ms apart (about %.1f s), started one after the other over one session's length; the switch to green comes a"
                + " quarter into the load. Drain: period = the load's"
                + " duration, idle %d s.%n%n", CLIENTS, REQUESTS_PER_SESSION, PAUSE.toMillis(),
                REQUESTS_PER_SESSION * PAUSE.toMillis() / 1000.0, IDLE.toSeconds()));
        table.append("| router | method | sessions | requests | failed | broken sessions | moved after the drain | to last old answer, ms median (max) | drain ended, ms median |\n");
        table.append("|---|---|---:|---:|---:|---:|---:|---:|---:|\n");
        for (Row row : rows) {
            table.append(String.format(Locale.ROOT, "| %s | %s | %d | %d | %d | %d | %d | %s | %s |%n", row.router(), row.method(),
                    row.sessions(), row.requests(), row.failed(), row.broken(), row.moved(), medianMax(row.toLastOldMillis()),
                    row.drainEndedMillis().isEmpty() ? "-" : Long.toString(median(row.drainEndedMillis()))));
        }
        return table.toString();
    }

    /** The goal of every router measured: no broken session with a drain. */
    public static void goals(StringBuilder table, List<Row> rows) {
        for (Row row : rows) {
            if (DRAIN.equals(row.method())) {
                Row plain = rows.stream().filter(r -> r.router().equals(row.router()) && PLAIN.equals(r.method())).findFirst().orElseThrow();
                Bench.goal(table, row.router() + ": 0 broken sticky sessions with sessions: drain", row.broken() + " broken of "
                        + row.sessions() + " (a plain switch broke " + plain.broken() + " of " + plain.sessions() + ")", row.broken() == 0);
            }
        }
    }

    /** The section for docs/benchmarks.md: the table, its goals, and what the figures mean. */
    public static String section(List<Row> rows) {
        StringBuilder goals = new StringBuilder("| goal | measured | met |\n|---|---|---|\n");
        goals(goals, rows);
        return HEADING + "\n\n" + markdown(rows) + "\n" + goals + "\n"
                + "A session is *broken* when a colour other than the one that answered its first request answers it before the"
                + " drain ended; with a plain switch, at all. *Moved after the drain*: sessions still on the old colour when it"
                + " stopped getting anything (expected, and counted apart). *To last old answer*: from the switch call to the"
                + " last answer from the old colour, as the clients saw it (none: not one after the switch).\n";
    }

    private static long median(List<Long> values) {
        return values.stream().sorted().toList().get(values.size() / 2);
    }

    /**
     * Median (max) over the runs in which the old colour answered after the switch, and how many runs those were when
     * not all; "none" when no run saw it (a run records -1).
     */
    private static String medianMax(List<Long> values) {
        List<Long> seen = values.stream().filter(value -> value >= 0).toList();
        if (seen.isEmpty()) {
            return "none";
        }
        String figure = median(seen) + " (" + seen.stream().mapToLong(Long::longValue).max().orElseThrow() + ")";
        return seen.size() == values.size() ? figure : figure + " in " + seen.size() + " of " + values.size() + " runs";
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
