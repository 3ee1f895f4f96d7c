package io.jenkins.plugins.bluegreen.demo;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.jenkins.plugins.bluegreen.model.Color;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * A tiny application for demos and tests, bound to loopback. Every answer carries {@code X-Color}.
 * <ul>
 *   <li>{@code /} — {@code {"color":"blue","version":"1.0"}}</li>
 *   <li>{@code /health} — 200 {@code ok}, or 503 when made unhealthy</li>
 *   <li>{@code /version} — the version as text</li>
 *   <li>{@code /config} — its configuration as JSON, for the drift comparison; {@code {"color":"blue","version":"1.0"}}
 *       unless set with {@link #configuration}</li>
 *   <li>{@code /slow?ms=2000} — answers after the given delay, to prove in-flight requests drain</li>
 * </ul>
 */
public final class DemoBackend implements AutoCloseable {

    private final Color color;
    private final String version;
    private final HttpServer server;
    private final ExecutorService pool;
    private volatile boolean healthy = true;
    private volatile boolean failing;
    private volatile String configuration;

    static {
        // The JDK server writes headers and body separately; with Nagle on, each keep-alive answer waits ~40 ms for
        // the client's delayed ACK (150 req/s instead of thousands). Read once, before the first server starts.
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
    }

    private DemoBackend(Color color, String version, InetAddress address, int port) throws IOException {
        this.color = color;
        this.version = version;
        this.server = HttpServer.create(new InetSocketAddress(address, port), 512);
        this.pool = Executors.newFixedThreadPool(64, runnable -> {
            Thread thread = new Thread(runnable, "demo-" + color.label());
            thread.setDaemon(true);
            return thread;
        });
        server.setExecutor(pool);
        server.createContext("/", this::handle);
    }

    /** Starts a backend on the given loopback port, 0 for any free one. */
    public static DemoBackend start(Color color, String version, int port) throws IOException {
        return start(color, version, InetAddress.getLoopbackAddress(), port);
    }

    /**
     * Starts a backend on a given loopback address, e.g. {@code 127.0.0.2}: blue and green behind one DNS name differ
     * by address and share the port, as a URL names only one.
     */
    public static DemoBackend start(Color color, String version, InetAddress address, int port) throws IOException {
        DemoBackend backend = new DemoBackend(color, version, address, port);
        backend.server.start();
        return backend;
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public String url() {
        return "http://" + server.getAddress().getAddress().getHostAddress() + ":" + port();
    }

    public Color color() {
        return color;
    }

    public String version() {
        return version;
    }

    /** A failing backend answers 500 on every path but /health, as a bad release would. */
    public void failing(boolean fail) {
        this.failing = fail;
    }

    public void healthy(boolean up) {
        this.healthy = up;
    }

    /** What {@code /config} answers from now on: a JSON document, as an application's configuration endpoint would. */
    public void configuration(String json) {
        this.configuration = json;
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            exchange.getRequestBody().readAllBytes();
            String path = exchange.getRequestURI().getPath();
            exchange.getResponseHeaders().set("X-Color", color.label());
            exchange.getResponseHeaders().set("X-Version", version);
            switch (path) {
                case "/health" -> respond(exchange, healthy ? 200 : 503, healthy ? "ok" : "unhealthy", "text/plain");
                case "/version" -> respond(exchange, 200, version, "text/plain");
                case "/config" -> respond(exchange, 200, configuration != null ? configuration : body(), "application/json");
                case "/slow" -> {
                    sleep(queryMillis(exchange.getRequestURI().getQuery()));
                    respond(exchange, 200, body(), "application/json");
                }
                default -> respond(exchange, failing ? 500 : 200, body(), "application/json");
            }
        }
    }

    private String body() {
        return "{\"color\":\"" + color.label() + "\",\"version\":\"" + version.replace("\\", "\\\\").replace("\"", "\\\"") + "\"}";
    }

    private static long queryMillis(String query) {
        if (query != null) {
            for (String part : query.split("&")) {
                if (part.startsWith("ms=")) {
                    try {
                        return Math.min(60_000, Long.parseLong(part.substring(3)));
                    } catch (NumberFormatException ignored) {
                        return 2000;
                    }
                }
            }
        }
        return 2000;
    }

    private static void sleep(long millis) {
        try {
            TimeUnit.MILLISECONDS.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void respond(HttpExchange exchange, int status, String text, String type) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        pool.shutdownNow();
    }
}
