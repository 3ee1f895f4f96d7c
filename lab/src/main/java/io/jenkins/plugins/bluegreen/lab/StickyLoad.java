package io.jenkins.plugins.bluegreen.lab;

import io.jenkins.plugins.bluegreen.model.BadInputException;
import io.jenkins.plugins.bluegreen.model.Color;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import okhttp3.ConnectionPool;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;

/**
 * A bounded load of sticky clients for loopback routers. Each client runs sessions one after the other: a session's
 * first request goes without a cookie, keeps the session cookie the router sets, sends it with each of the next
 * requests, and checks that every answer ({@code X-Color}) comes from the colour that answered the first. A session
 * that sees another colour ends there and is counted as a <em>colour change</em>, with its time; {@link #await} sorts
 * them into broken (before the drain ended) and moved (after: expected once the old colour gets nothing).
 */
public final class StickyLoad {

    public static final int MAX_CLIENTS = 128;
    private static final int MAX_SAMPLES = 5;

    /**
     * @param sessions sessions begun
     * @param requests requests sent
     * @param failed requests without an answer, or answered 5xx
     * @param broken sessions answered by the other colour before the drain ended (with a plain switch: at all)
     * @param brokenOnOld of the broken sessions, those that began on the old colour (the ones a drain protects)
     * @param moved sessions answered by the other colour after the drain ended
     * @param newOnOld sessions begun after the switch call returned whose first answer came from the old colour
     * @param lastOldAnswerMillis the last answer from the old colour, relative to the switch call; -1 if none after it
     * @param samples a few broken sessions, described
     */
    public record Result(long sessions, long requests, long failed, long broken, long brokenOnOld, long moved, long newOnOld,
            long lastOldAnswerMillis, List<String> samples) {

        public String summary() {
            return String.format(Locale.ROOT, "%d sessions, %d requests, %d failed, %d broken, %d moved after the drain, %d new on the"
                    + " old colour, last old answer at %s", sessions, requests, failed, broken, moved, newOnOld,
                    lastOldAnswerMillis < 0 ? "none" : "+" + lastOldAnswerMillis + " ms");
        }
    }

    /** A session answered by another colour than its first. */
    private record Change(long atNanos, Color first, Color then, int request) {}

    private final HttpUrl url;
    private final String cookie;
    private final int clients;
    private final int requestsPerSession;
    private final Duration pause;
    private final long deadlineNanos;
    private final OkHttpClient http;
    private final AtomicLong sessions = new AtomicLong();
    private final AtomicLong requests = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicLong newOnOld = new AtomicLong();
    private final AtomicLong pinned = new AtomicLong();
    private final AtomicInteger clientsStarted = new AtomicInteger();
    private final AtomicLong lastOldAnswerNanos = new AtomicLong();
    private final List<Change> changes = Collections.synchronizedList(new ArrayList<>());
    private final List<Thread> threads = new ArrayList<>();
    private volatile Color switchedTo;
    private volatile long switchNanos;
    private volatile long switchReturnedNanos = Long.MAX_VALUE;

    private StickyLoad(HttpUrl url, String cookie, int clients, int requestsPerSession, Duration pause, Duration duration) {
        this.url = url;
        this.cookie = cookie;
        this.clients = clients;
        this.requestsPerSession = requestsPerSession;
        this.pause = pause;
        this.deadlineNanos = System.nanoTime() + duration.toNanos();
        this.http = new OkHttpClient.Builder().retryOnConnectionFailure(false).followRedirects(false)
                .connectionPool(new ConnectionPool(clients, 30, TimeUnit.SECONDS))
                .connectTimeout(Duration.ofSeconds(2)).readTimeout(Duration.ofSeconds(10)).build();
        this.http.dispatcher().setMaxRequestsPerHost(clients);
    }

    /**
     * Starts {@code clients} sticky clients against {@code url} (loopback only); they stop by themselves after
     * {@code duration}.
     *
     * @param cookie the session cookie the router sets and the clients send back
     * @param requestsPerSession requests of one session, {@code pause} apart
     */
    public static StickyLoad start(String url, String cookie, int clients, int requestsPerSession, Duration pause, Duration duration) {
        HttpUrl parsed = HttpUrl.parse(url);
        if (parsed == null || !parsed.scheme().equals("http")) {
            throw new BadInputException("url", "'" + url + "' is not an http:// URL");
        }
        LoadGenerator.requireLoopback(parsed.host());
        if (clients < 1 || clients > MAX_CLIENTS) {
            throw new BadInputException("clients", clients + " is out of range; use 1 to " + MAX_CLIENTS);
        }
        if (requestsPerSession < 2) {
            throw new BadInputException("requestsPerSession", "a session needs at least 2 requests to stick to anything");
        }
        LoadGenerator.requireDuration(duration);
        StickyLoad load = new StickyLoad(parsed, cookie, clients, requestsPerSession, pause, duration);
        load.threads.addAll(LoadGenerator.startThreads(clients, "bluegreen-sticky-", load::run));
        return load;
    }

    /** Call just before the switch call: answers from the colour that is not {@code to} count as old from here. */
    public void switching(Color to) {
        switchNanos = System.nanoTime();
        switchedTo = to;
    }

    /** Call when the switch call returned: sessions begun after this must start on the new colour. */
    public void switchReturned() {
        switchReturnedNanos = System.nanoTime();
    }

    /**
     * Waits until {@code count} sessions have been pinned (their second answer came from the colour of their first), or
     * {@code atMost} has passed. A switch before any session is pinned breaks nothing and measures nothing: on a busy
     * machine the clients' first requests can take longer than the bench's lead-in.
     *
     * @return whether that many sessions were pinned in time
     */
    public boolean awaitPinnedSessions(long count, Duration atMost) {
        long deadline = System.nanoTime() + atMost.toNanos();
        while (pinned.get() < count && System.nanoTime() < deadline) {
            sleep(pause);
        }
        return pinned.get() >= count;
    }

    /** The {@link System#nanoTime()} of {@link #switching}. */
    public long switchNanos() {
        return switchNanos;
    }

    /**
     * Waits for the load to end.
     *
     * @param drainEndedNanos when the old colour stopped getting pinned sessions ({@link System#nanoTime()}); a colour
     *        change before it breaks a session, one after it is expected. {@code Long.MAX_VALUE} for a plain switch,
     *        where every change breaks a session
     */
    public Result await(long drainEndedNanos) {
        LoadGenerator.joinAll(threads);
        http.dispatcher().executorService().shutdown();
        http.connectionPool().evictAll();
        List<Change> all;
        synchronized (changes) {
            all = List.copyOf(changes);
        }
        List<Change> broken = all.stream().filter(c -> c.atNanos() < drainEndedNanos).toList();
        long lastOld = lastOldAnswerNanos.get();
        return new Result(sessions.get(), requests.get(), failed.get(), broken.size(),
                broken.stream().filter(c -> c.first() != switchedTo).count(), all.size() - broken.size(), newOnOld.get(),
                lastOld == 0 ? -1 : (lastOld - switchNanos) / 1_000_000,
                broken.stream().limit(MAX_SAMPLES).map(c -> c.first().name() + " session answered by " + c.then().name() + " at request "
                        + c.request() + ", " + (c.atNanos() - switchNanos) / 1_000_000 + " ms after the switch").toList());
    }

    /**
     * One client. The clients start one after the other, spread over one session's length: started together, their
     * sessions would end together, and a switch that came at such a boundary would find no session under way (a plain
     * switch then breaks none, which measures nothing).
     */
    private void run() {
        int client = clientsStarted.getAndIncrement();
        sleep(pause.multipliedBy(requestsPerSession).multipliedBy(client).dividedBy(clients));
        while (System.nanoTime() < deadlineNanos) {
            runSession();
        }
    }

    private void runSession() {
        sessions.incrementAndGet();
        long begunNanos = System.nanoTime();
        String sessionCookie = null;
        Color first = null;
        for (int i = 0; i < requestsPerSession && System.nanoTime() < deadlineNanos; i++) {
            Request.Builder request = new Request.Builder().url(url).header("User-Agent", "bluegreen-sticky");
            if (sessionCookie != null) {
                request.header("Cookie", cookie + "=" + sessionCookie);
            }
            requests.incrementAndGet();
            Color color;
            try (Response response = http.newCall(request.build()).execute()) {
                response.body().bytes();
                if (response.code() >= 500) {
                    failed.incrementAndGet();
                    continue;
                }
                color = Color.find(String.valueOf(response.header("X-Color"))).orElse(null);
                for (String setCookie : response.headers("Set-Cookie")) {
                    if (setCookie.startsWith(cookie + "=")) {
                        int end = setCookie.indexOf(';');
                        sessionCookie = setCookie.substring(cookie.length() + 1, end < 0 ? setCookie.length() : end);
                    }
                }
            } catch (IOException e) {
                failed.incrementAndGet();
                continue;
            }
            long now = System.nanoTime();
            Color to = switchedTo;
            if (to != null && color != null && color != to) {
                lastOldAnswerNanos.accumulateAndGet(now, Math::max);
            }
            if (first == null) {
                first = color;
                if (to != null && color != null && color != to && begunNanos > switchReturnedNanos) {
                    newOnOld.incrementAndGet();
                }
            } else if (color != null && color != first) {
                changes.add(new Change(now, first, color, i + 1));
                return;
            } else if (i == 1) {
                pinned.incrementAndGet();
            }
            sleep(pause);
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
