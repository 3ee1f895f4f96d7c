package io.jenkins.plugins.bluegreen.cli.demo;

import io.jenkins.plugins.bluegreen.model.Color;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import okhttp3.ConnectionPool;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;

/**
 * A few client threads sending keep-alive requests to one loopback URL at a bounded rate until stopped or until its
 * time limit, counting answers per colour and failures (no answer, or a 5xx).
 */
public final class LoadGenerator implements AutoCloseable {

    /** What the load saw; {@code firstFailure} is {@code null} when nothing failed. */
    public record Tally(long requests, long failed, Map<Color, Long> byColor, String firstFailure) {}

    private final OkHttpClient http;
    private final Request request;
    private final long pauseNanos;
    private final long deadline;
    private final List<Thread> threads = new ArrayList<>();
    private final LongAdder requests = new LongAdder();
    private final LongAdder failed = new LongAdder();
    private final Map<Color, AtomicLong> byColor = new ConcurrentHashMap<>();
    private final AtomicReference<String> firstFailure = new AtomicReference<>();
    private volatile boolean running = true;

    private LoadGenerator(String url, int clients, int requestsPerSecondPerClient, Duration limit) {
        this.http = new OkHttpClient.Builder()
                .connectionPool(new ConnectionPool(clients, 30, TimeUnit.SECONDS))
                .callTimeout(Duration.ofSeconds(10))
                .build();
        this.request = new Request.Builder().url(url).get().build();
        this.pauseNanos = TimeUnit.SECONDS.toNanos(1) / requestsPerSecondPerClient;
        this.deadline = System.nanoTime() + limit.toNanos();
        for (int i = 0; i < clients; i++) {
            Thread thread = new Thread(this::loop, "bluegreen-demo-load-" + i);
            thread.setDaemon(true);
            threads.add(thread);
        }
    }

    /** Starts {@code clients} threads, each sending at most {@code requestsPerSecondPerClient}, for at most {@code limit}. */
    public static LoadGenerator start(String url, int clients, int requestsPerSecondPerClient, Duration limit) {
        LoadGenerator load = new LoadGenerator(url, clients, requestsPerSecondPerClient, limit);
        load.threads.forEach(Thread::start);
        return load;
    }

    private void loop() {
        long next = System.nanoTime();
        while (running && System.nanoTime() < deadline) {
            send();
            next += pauseNanos;
            long sleep = next - System.nanoTime();
            if (sleep > 0) {
                try {
                    TimeUnit.NANOSECONDS.sleep(sleep);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }
    }

    private void send() {
        requests.increment();
        try (Response response = http.newCall(request).execute()) {
            response.body().source().readAll(okio.Okio.blackhole());
            if (response.code() >= 500) {
                fail("HTTP " + response.code() + " from " + response.header("X-Color", "the router"));
                return;
            }
            String color = response.header("X-Color");
            if (color != null) {
                byColor.computeIfAbsent(Color.parse("X-Color", color), c -> new AtomicLong()).incrementAndGet();
            }
        } catch (IOException e) {
            fail(e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }

    private void fail(String why) {
        failed.increment();
        firstFailure.compareAndSet(null, why);
    }

    public Tally tally() {
        Map<Color, Long> counts = new java.util.EnumMap<>(Color.class);
        byColor.forEach((color, count) -> counts.put(color, count.get()));
        return new Tally(requests.sum(), failed.sum(), counts, firstFailure.get());
    }

    /** Stops sending; requests in flight complete and are counted. */
    @Override
    public void close() {
        running = false;
        for (Thread thread : threads) {
            try {
                thread.join(TimeUnit.SECONDS.toMillis(15));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        http.dispatcher().executorService().shutdown();
        http.connectionPool().evictAll();
    }
}
