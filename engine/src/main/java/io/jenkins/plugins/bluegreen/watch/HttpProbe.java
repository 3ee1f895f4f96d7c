package io.jenkins.plugins.bluegreen.watch;

import io.jenkins.plugins.bluegreen.model.Color;
import java.io.IOException;
import java.util.concurrent.TimeUnit;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;
import okio.Okio;

/** Probes a URL with okhttp and reads the colour from the marker. */
public final class HttpProbe implements Probe {

    private final OkHttpClient http;
    private final Request request;
    private final ColorMarker marker;

    public HttpProbe(OkHttpClient http, String url, ColorMarker marker) {
        this.http = http;
        this.request = new Request.Builder().url(url).get().build();
        this.marker = marker;
    }

    @Override
    public ProbeSample probe(long atMillis) {
        long start = System.nanoTime();
        try (Response response = http.newCall(request).execute()) {
            ResponseBody body = response.body();
            String text = marker.needsBody() ? body.string() : drain(body);
            Color color = marker.read(response::header, text).orElse(null);
            return new ProbeSample(atMillis, color, response.code(), micros(start), null);
        } catch (Exception e) { // okhttp is Kotlin: an interrupted call throws InterruptedException without declaring it
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            return new ProbeSample(atMillis, null, 0, micros(start), e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }

    private static String drain(ResponseBody body) throws IOException {
        body.source().readAll(Okio.blackhole());
        return null;
    }

    private static long micros(long startNanos) {
        return TimeUnit.NANOSECONDS.toMicros(System.nanoTime() - startNanos);
    }
}
