package io.jenkins.plugins.bluegreen.lab;

import io.jenkins.plugins.bluegreen.model.BadInputException;
import io.jenkins.plugins.bluegreen.model.Color;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import okhttp3.HttpUrl;

/**
 * A bounded HTTP load for loopback routers: {@code connections} keep-alive connections, one thread each, sending
 * GETs back to back for a fixed time, then stopping by itself. Counts answers per colour ({@code X-Color}) and
 * failures (no answer, a cut connection, or HTTP 5xx). Raw sockets, so that a reset shows as a failure instead of
 * being retried away as an HTTP client would.
 */
public final class LoadGenerator {

    public static final int MAX_CONNECTIONS = 256;
    public static final Duration MAX_DURATION = Duration.ofMinutes(5);
    private static final int MAX_ERROR_SAMPLES = 10;

    /**
     * @param lastSeenNanos per colour, the {@link System#nanoTime()} of its last answer (0 when never seen)
     */
    public record Result(long requests, long failures, Map<Color, Long> byColor, Map<Color, Long> lastSeenNanos,
            long elapsedMillis, List<String> errorSamples) {

        public long onColor(Color color) {
            return byColor.getOrDefault(color, 0L);
        }

        public double requestsPerSecond() {
            return elapsedMillis == 0 ? 0 : requests * 1000.0 / elapsedMillis;
        }

        public String summary() {
            return String.format(Locale.ROOT, "%d requests (%.0f/s), %d failed, blue %d, green %d", requests,
                    requestsPerSecond(), failures, onColor(Color.BLUE), onColor(Color.GREEN));
        }
    }

    private final String host;
    private final int port;
    private final byte[] request;
    private final long deadlineNanos;
    private final long startNanos = System.nanoTime();
    private final AtomicLong requests = new AtomicLong();
    private final AtomicLong failures = new AtomicLong();
    private final AtomicLongArray perColor = new AtomicLongArray(Color.values().length);
    private final AtomicLongArray lastSeen = new AtomicLongArray(Color.values().length);
    private final List<String> errors = Collections.synchronizedList(new ArrayList<>());
    private final List<Thread> threads = new ArrayList<>();

    private LoadGenerator(HttpUrl url, Duration duration) {
        this.host = url.host();
        this.port = url.port();
        this.request = ("GET " + url.encodedPath() + (url.encodedQuery() == null ? "" : "?" + url.encodedQuery())
                + " HTTP/1.1\r\nHost: " + host + ":" + port + "\r\nUser-Agent: bluegreen-load\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
        this.deadlineNanos = startNanos + duration.toNanos();
    }

    /** Starts the load; it ends by itself after {@code duration}. Only loopback addresses are accepted. */
    public static LoadGenerator start(String url, int connections, Duration duration) {
        HttpUrl parsed = HttpUrl.parse(url);
        if (parsed == null || !parsed.scheme().equals("http")) {
            throw new BadInputException("url", "'" + url + "' is not an http:// URL");
        }
        requireLoopback(parsed.host());
        if (connections < 1 || connections > MAX_CONNECTIONS) {
            throw new BadInputException("connections", connections + " is out of range; use 1 to " + MAX_CONNECTIONS);
        }
        requireDuration(duration);
        LoadGenerator load = new LoadGenerator(parsed, duration);
        load.threads.addAll(startThreads(connections, "bluegreen-load-", load::run));
        return load;
    }

    static void requireDuration(Duration duration) {
        if (duration.isNegative() || duration.isZero() || duration.compareTo(MAX_DURATION) > 0) {
            throw new BadInputException("duration", "must be positive and at most " + MAX_DURATION.toMinutes() + " minutes");
        }
    }

    /** {@code count} daemon threads running {@code body}, named {@code prefix} and their number, started. */
    static List<Thread> startThreads(int count, String prefix, Runnable body) {
        List<Thread> started = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Thread thread = new Thread(body, prefix + i);
            thread.setDaemon(true);
            started.add(thread);
            thread.start();
        }
        return started;
    }

    /** Waits for every thread to end (they end by themselves at the load's deadline). */
    static void joinAll(List<Thread> threads) {
        for (Thread thread : threads) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    static void requireLoopback(String host) {
        try {
            for (InetAddress address : InetAddress.getAllByName(host)) {
                if (!address.isLoopbackAddress()) {
                    throw new BadInputException("url", host + " is not a loopback address; the load generator only targets 127.0.0.1");
                }
            }
        } catch (IOException e) {
            throw new BadInputException("url", "cannot resolve " + host);
        }
    }

    /** Waits for the load to end by itself and returns what it saw. */
    public Result await() {
        joinAll(threads);
        return snapshot();
    }

    /** The counts so far. */
    public Result snapshot() {
        Map<Color, Long> byColor = new EnumMap<>(Color.class);
        Map<Color, Long> seen = new EnumMap<>(Color.class);
        for (Color color : Color.values()) {
            byColor.put(color, perColor.get(color.ordinal()));
            seen.put(color, lastSeen.get(color.ordinal()));
        }
        long elapsed = Math.min(System.nanoTime(), deadlineNanos) - startNanos;
        return new Result(requests.get(), failures.get(), byColor, seen, elapsed / 1_000_000, List.copyOf(errors));
    }

    private void run() {
        Socket socket = null;
        InputStream in = null;
        while (System.nanoTime() < deadlineNanos) {
            try {
                if (socket == null) {
                    socket = new Socket();
                    socket.setTcpNoDelay(true);
                    socket.setSoTimeout(10_000);
                    socket.connect(new InetSocketAddress(host, port), 2_000);
                    in = new BufferedInputStream(socket.getInputStream(), 8192);
                }
                OutputStream out = socket.getOutputStream();
                out.write(request);
                out.flush();
                boolean keepOpen = readResponse(in);
                if (!keepOpen) {
                    socket.close();
                    socket = null;
                }
            } catch (IOException e) {
                requests.incrementAndGet();
                fail(e.getClass().getSimpleName() + ": " + e.getMessage());
                closeQuietly(socket);
                socket = null;
                pause();
            }
        }
        closeQuietly(socket);
    }

    /** Reads one response; returns whether the connection stays open. */
    private boolean readResponse(InputStream in) throws IOException {
        String statusLine = line(in);
        if (statusLine == null) {
            throw new IOException("connection closed before a response");
        }
        String[] parts = statusLine.split(" ", 3);
        int status = parts.length > 1 ? Integer.parseInt(parts[1]) : 0;
        long length = -1;
        boolean chunked = false;
        boolean close = false;
        Color color = null;
        for (String header = line(in); header != null && !header.isEmpty(); header = line(in)) {
            int colon = header.indexOf(':');
            if (colon < 0) {
                continue;
            }
            String name = header.substring(0, colon).trim().toLowerCase(Locale.ROOT);
            String value = header.substring(colon + 1).trim();
            switch (name) {
                case "content-length" -> length = Long.parseLong(value);
                case "transfer-encoding" -> chunked = value.toLowerCase(Locale.ROOT).contains("chunked");
                case "connection" -> close = value.equalsIgnoreCase("close");
                case "x-color" -> color = Color.find(value).orElse(null);
                default -> { }
            }
        }
        if (chunked) {
            skipChunked(in);
        } else if (length >= 0) {
            skip(in, length);
        } else {
            close = true;
            in.transferTo(OutputStream.nullOutputStream());
        }
        requests.incrementAndGet();
        if (status >= 500 || status == 0) {
            fail("HTTP " + status);
        } else if (color != null) {
            perColor.incrementAndGet(color.ordinal());
            lastSeen.accumulateAndGet(color.ordinal(), System.nanoTime(), Math::max);
        }
        return !close;
    }

    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(64);
        int b;
        while ((b = in.read()) != -1) {
            if (b == '\n') {
                int size = bytes.size();
                String text = bytes.toString(StandardCharsets.ISO_8859_1);
                return size > 0 && text.endsWith("\r") ? text.substring(0, size - 1) : text;
            }
            bytes.write(b);
        }
        return bytes.size() == 0 ? null : bytes.toString(StandardCharsets.ISO_8859_1);
    }

    private static void skipChunked(InputStream in) throws IOException {
        while (true) {
            String sizeLine = line(in);
            if (sizeLine == null) {
                throw new IOException("connection closed inside a chunked body");
            }
            int semicolon = sizeLine.indexOf(';');
            long size = Long.parseLong((semicolon < 0 ? sizeLine : sizeLine.substring(0, semicolon)).trim(), 16);
            if (size == 0) {
                for (String trailer = line(in); trailer != null && !trailer.isEmpty(); trailer = line(in)) {
                    // trailers are not used
                }
                return;
            }
            skip(in, size);
            line(in);
        }
    }

    private static void skip(InputStream in, long length) throws IOException {
        long left = length;
        while (left > 0) {
            long skipped = in.skip(left);
            if (skipped <= 0) {
                if (in.read() < 0) {
                    throw new IOException("connection closed inside the body");
                }
                skipped = 1;
            }
            left -= skipped;
        }
    }

    private void fail(String error) {
        failures.incrementAndGet();
        if (errors.size() < MAX_ERROR_SAMPLES) {
            errors.add(error);
        }
    }

    private static void closeQuietly(Socket socket) {
        try {
            if (socket != null) {
                socket.close();
            }
        } catch (IOException ignored) {
            // already broken
        }
    }

    private static void pause() {
        try {
            Thread.sleep(5);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
