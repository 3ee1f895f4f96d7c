package io.jenkins.plugins.bluegreen.drivers.caddy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.jenkins.plugins.bluegreen.driver.DriverException;
import io.jenkins.plugins.bluegreen.driver.TrafficDriver;
import io.jenkins.plugins.bluegreen.model.Color;
import java.io.IOException;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import okhttp3.ConnectionPool;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/**
 * Switches Caddy by replacing a {@code reverse_proxy} handler's upstream list with {@code PATCH /id/<id>/upstreams}
 * and reads it back with {@code GET}. Never {@code POST}: on an array that appends, leaving both colours live.
 */
public final class CaddyDriver implements TrafficDriver {

    private static final MediaType JSON = MediaType.get("application/json");
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final CaddyDriverConfig config;
    private final OkHttpClient http;
    private final String upstreamsUrl;

    public CaddyDriver(CaddyDriverConfig config, OkHttpClient http) {
        this.config = config;
        // Caddy closes its admin connections when a change reloads the config, so a pooled connection may be reset
        // under the next call; a fresh connection per (rare) admin call never is.
        this.http = http.newBuilder().callTimeout(config.timeoutDuration()).retryOnConnectionFailure(false)
                .connectionPool(new ConnectionPool(0, 1, TimeUnit.SECONDS)).build();
        this.upstreamsUrl = config.adminUrl() + "/id/" + config.proxyId() + "/upstreams";
    }

    @Override
    public String type() {
        return "caddy";
    }

    @Override
    public void switchTo(Color color) {
        ArrayNode upstreams = MAPPER.createArrayNode();
        upstreams.addObject().put("dial", config.dial(color));
        call("PATCH", new Request.Builder().url(upstreamsUrl).patch(RequestBody.create(upstreams.toString(), JSON)));
    }

    @Override
    public Optional<Color> observeLive() {
        JsonNode upstreams;
        try {
            upstreams = MAPPER.readTree(call("GET", new Request.Builder().url(upstreamsUrl).get()));
        } catch (IOException e) {
            throw new DriverException("caddy router: GET " + upstreamsUrl + " did not return JSON: " + e.getMessage()
                    + ". Check caddy.adminUrl", e);
        }
        Set<String> dials = new HashSet<>();
        upstreams.forEach(upstream -> dials.add(upstream.path("dial").asText()));
        for (Color color : Color.values()) {
            if (dials.equals(Set.of(config.dial(color)))) {
                return Optional.of(color);
            }
        }
        return Optional.empty();
    }

    @Override
    public Health health() {
        try {
            call("GET", new Request.Builder().url(config.adminUrl() + "/id/" + config.proxyId()).get());
            return Health.ok("caddy admin API at " + config.adminUrl() + " answers and knows @id " + config.proxyId());
        } catch (DriverException e) {
            return Health.down(e.getMessage());
        }
    }

    private String call(String method, Request.Builder request) {
        String what = method + " " + request.build().url();
        try (Response response = http.newCall(request.build()).execute()) {
            String body = response.body().string();
            if (!response.isSuccessful()) {
                throw new DriverException("caddy router: " + what + " answered HTTP " + response.code() + ": " + brief(body)
                        + (response.code() == 404 ? ". Check that the reverse_proxy handler has \"@id\": \"" + config.proxyId() + "\""
                        : ". Caddy keeps its previous configuration when it rejects a change"));
            }
            return body;
        } catch (IOException e) {
            throw new DriverException("caddy router: " + what + " failed: " + e.getMessage()
                    + ". Check that Caddy runs and its admin API listens at " + config.adminUrl(), e);
        }
    }

    private static String brief(String body) {
        String text = body.strip();
        return text.isEmpty() ? "no body" : text.length() > 300 ? text.substring(0, 300) + "..." : text;
    }
}
