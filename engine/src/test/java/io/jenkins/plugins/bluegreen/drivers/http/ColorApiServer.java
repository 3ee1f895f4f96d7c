package io.jenkins.plugins.bluegreen.drivers.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A real HTTP server on 127.0.0.1 standing in for a load balancer's API: it holds the live colour, switches it on
 * request and reports it. It demands an {@code Authorization} header when one is set, and echoes a refused header
 * in its error page, as careless servers do, so that redaction can be tested.
 */
public final class ColorApiServer implements AutoCloseable {

    private static final Pattern COLOR_IN_JSON = Pattern.compile("\"color\"\\s*:\\s*\"(\\w+)\"");

    private final HttpServer server;
    private final ExecutorService threads = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "color-api-server");
        thread.setDaemon(true);
        return thread;
    });
    private volatile String live = "blue";
    private volatile String requiredAuthorization;
    private volatile String lastRequest = "";

    public ColorApiServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        server.setExecutor(threads);
        // POST {"color": "green"} switches; GET reports in JSON
        server.createContext("/api/upstream", exchange -> {
            String body = body(exchange);
            if (authorized(exchange, body)) {
                if (exchange.getRequestMethod().equals("POST")) {
                    Matcher color = COLOR_IN_JSON.matcher(body);
                    if (!color.find()) {
                        reply(exchange, 400, "{\"error\":\"body must name a color\"}");
                        return;
                    }
                    live = color.group(1);
                    reply(exchange, 204, "");
                } else {
                    reply(exchange, 200, "{\"upstream\":{\"name\":\"shop\",\"color\":\"" + live + "\",\"weight\":100}}");
                }
            }
        });
        // PUT /api/pools/green/activate switches; GET /api/status reports in text
        server.createContext("/api/pools/", exchange -> {
            if (authorized(exchange, body(exchange))) {
                String path = exchange.getRequestURI().getPath();
                live = path.substring("/api/pools/".length(), path.lastIndexOf("/activate"));
                reply(exchange, 200, "activated " + live);
            }
        });
        server.createContext("/api/status", exchange -> {
            if (authorized(exchange, body(exchange))) {
                reply(exchange, 200, "pool shop\nlive=" + live + "\nstandby=" + ("blue".equals(live) ? "green" : "blue") + "\n");
            }
        });
        server.createContext("/api/moved", exchange -> {
            exchange.getResponseHeaders().add("Location", "/api/upstream");
            reply(exchange, 302, "");
        });
        server.createContext("/api/broken", exchange -> reply(exchange, 500, "upstream pool 'shop' is locked by another operation"));
        server.createContext("/api/slow", exchange -> {
            sleep(3000);
            reply(exchange, 200, "{}");
        });
        server.start();
    }

    public String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    public String live() {
        return live;
    }

    void setLive(String color) {
        live = color;
    }

    public void requireAuthorization(String header) {
        requiredAuthorization = header;
    }

    /** Method, path, headers of interest and body of the last request. */
    String lastRequest() {
        return lastRequest;
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }

    private boolean authorized(HttpExchange exchange, String body) throws IOException {
        String given = exchange.getRequestHeaders().getFirst("Authorization");
        String apiKey = exchange.getRequestHeaders().getFirst("X-Api-Key");
        lastRequest = exchange.getRequestMethod() + " " + exchange.getRequestURI() + " authorization=" + given
                + " x-api-key=" + apiKey + " x-reason=" + exchange.getRequestHeaders().getFirst("X-Reason") + " content-type=" + exchange.getRequestHeaders().getFirst("Content-Type")
                + " body=" + body;
        String required = requiredAuthorization;
        if (required != null && !required.equals(given) && !required.equals("X-Api-Key " + apiKey)) {
            reply(exchange, 401, "unauthorized: '" + given + "' / '" + apiKey + "' not accepted");
            return false;
        }
        return true;
    }

    private static String body(HttpExchange exchange) throws IOException {
        return new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
    }

    private static void reply(HttpExchange exchange, int code, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(code, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            exchange.getResponseBody().write(bytes);
        }
        exchange.close();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
