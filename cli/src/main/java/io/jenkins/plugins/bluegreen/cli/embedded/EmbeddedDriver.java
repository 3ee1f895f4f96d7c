package io.jenkins.plugins.bluegreen.cli.embedded;

import io.jenkins.plugins.bluegreen.driver.DriverException;
import io.jenkins.plugins.bluegreen.driver.TrafficDriver;
import io.jenkins.plugins.bluegreen.model.Color;
import java.io.IOException;
import java.util.Locale;
import java.util.Optional;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/** Drives an {@link EmbeddedRouter} through its admin port. */
public final class EmbeddedDriver implements TrafficDriver {

    private static final MediaType TEXT = MediaType.get("text/plain; charset=utf-8");

    private final OkHttpClient http;
    private final String adminUrl;

    public EmbeddedDriver(OkHttpClient http, String adminUrl) {
        this.http = http;
        this.adminUrl = adminUrl.replaceAll("/+$", "");
    }

    @Override
    public String type() {
        return "embedded";
    }

    @Override
    public void switchTo(Color color) {
        call("switchTo(" + color.label() + ")", new Request.Builder().url(adminUrl + "/live").put(RequestBody.create(color.label(), TEXT)).build());
    }

    @Override
    public Optional<Color> observeLive() {
        String live = call("observeLive()", new Request.Builder().url(adminUrl + "/live").get().build());
        return switch (live.toLowerCase(Locale.ROOT)) {
            case "blue" -> Optional.of(Color.BLUE);
            case "green" -> Optional.of(Color.GREEN);
            default -> Optional.empty();
        };
    }

    @Override
    public Health health() {
        try {
            return Health.ok("embedded router at " + adminUrl + " answers " + call("health()",
                    new Request.Builder().url(adminUrl + "/health").get().build()));
        } catch (DriverException e) {
            return Health.down(e.getMessage());
        }
    }

    private String call(String what, Request request) {
        try (Response response = http.newCall(request).execute()) {
            String body = response.body().string().trim();
            if (!response.isSuccessful()) {
                throw new DriverException("embedded router at " + adminUrl + ": " + what + " got HTTP " + response.code()
                        + " (" + body + ")");
            }
            return body;
        } catch (IOException e) {
            throw new DriverException("embedded router at " + adminUrl + ": " + what + " got no answer (" + e.getMessage()
                    + "); is 'bluegreen router' running?", e);
        }
    }
}
