package io.jenkins.plugins.bluegreen.drivers.nginx;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jenkins.plugins.bluegreen.driver.DriverException;
import io.jenkins.plugins.bluegreen.driver.PublicProbes;
import io.jenkins.plugins.bluegreen.driver.OutcomeUnknownException;
import io.jenkins.plugins.bluegreen.driver.SecretMasking;
import io.jenkins.plugins.bluegreen.driver.SecretSource;
import io.jenkins.plugins.bluegreen.driver.SessionDrain;
import io.jenkins.plugins.bluegreen.driver.SessionPolicy;
import io.jenkins.plugins.bluegreen.driver.TrafficDriver;
import io.jenkins.plugins.bluegreen.model.Color;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/**
 * Switches nginx without a reload (mode {@code lua}): every request reads the live colour from a
 * {@code lua_shared_dict} that all workers share, so no worker is replaced and no client connection is closed. The
 * switch is one authenticated call to a loopback admin location, which sets the dict and answers with the colour now
 * in effect.
 *
 * <p>Persistence and its order: the include file is written <em>first</em> (it changes nothing served until nginx
 * starts again), then the dict. A crash between the two leaves the file on the new colour and the dict on the old one,
 * and the read-back compares both, so it is never unseen: {@link #observeLive()} is empty and {@link #health()} names
 * the disagreement. A failed admin call puts the file back.
 *
 * <p>Session drain: {@code PUT ?color=green&draining=blue} keeps requests whose cookie names blue on blue (the sessions
 * route of docs/drivers/nginx.md checks it), and a later {@code PUT} without {@code draining} ends the drain. The dict
 * counts each colour's requests, which is what the drain reads. A restart forgets a drain (the file holds the live
 * colour only): the old colour then gets nothing, as when the drain ends.
 */
public final class NginxLuaDriver implements TrafficDriver, SessionDrain {

    /** The admin location's answers carry this, which tells it apart from any other 404 or 200. */
    static final String MARKER = "nginx-lua";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TOKEN_FIELD = "nginx.tokenRef";

    private final NginxDriverConfig config;
    private final IncludeFile file;
    private final PublicProbes probes;
    private final OkHttpClient admin;
    private final SecretSource secrets;
    private final String serviceUrl;

    NginxLuaDriver(NginxDriverConfig config, OkHttpClient http, SecretSource secrets) {
        this.config = config;
        this.file = new IncludeFile(Path.of(config.includeFile()));
        this.probes = new PublicProbes("nginx", config.probeUrl(), "nginx.probeUrl", config.markerHeader(), config.timeoutDuration(), http);
        this.admin = http.newBuilder().callTimeout(config.timeoutDuration()).build();
        this.secrets = secrets;
        this.serviceUrl = config.adminUrl() + "/bluegreen/" + config.upstream();
    }

    @Override
    public String type() {
        return "nginx";
    }

    /** The include file for one colour: an upstream per colour, and the colour nginx starts from. */
    public String render(Color color) {
        return "# Written by the bluegreen nginx driver (mode lua) on every switch; edits are overwritten. Live: " + color.label() + "\n"
                + "# The switch goes through the admin location without a reload; nginx starts from the colour in the map.\n"
                + upstream(Color.BLUE) + upstream(Color.GREEN)
                + "map \"\" " + fileVariable() + " {\n    default " + color.label() + ";\n}\n";
    }

    private String upstream(Color color) {
        return "upstream " + config.upstream() + "_" + color.label() + " {\n"
                + "    server " + config.address(color) + ";\n"
                + (config.keepalive() > 0 ? "    keepalive " + config.keepalive() + ";\n" : "")
                + "}\n";
    }

    private String fileVariable() {
        return "$bluegreen_" + config.upstream() + "_file";
    }

    @Override
    public synchronized void switchTo(Color color) {
        put(color, null);
    }

    @Override
    public Optional<String> sessionDrainRefusal(SessionPolicy policy) {
        return Optional.empty();
    }

    @Override
    public synchronized void switchKeepingSessions(Color to, SessionPolicy policy) {
        // An admin location from before session drain ignores 'draining' and would cut pinned sessions: ask first.
        if (!exchange("GET", "").has("draining")) {
            throw new DriverException("nginx lua admin " + serviceUrl + " does not drain sessions (its answer has no 'draining');"
                    + " update the admin server and the location to the sessions snippet of docs/drivers/nginx.md. Nothing was changed");
        }
        put(to, to.other());
    }

    @Override
    public OldColorTraffic oldColorTraffic(Color draining) {
        return new OldColorTraffic(exchange("GET", "").path("served").path(draining.label()).asLong(), 0);
    }

    @Override
    public synchronized void endDrain(Color draining) {
        put(draining.other(), null);
    }

    /** Sets the colour (and the draining one, or ends a drain with {@code null}), include file first. */
    private void put(Color color, Color draining) {
        String previous = file.read();
        file.write(render(color));
        Color answered;
        try {
            answered = colour(exchange("PUT", "?color=" + color.label() + (draining == null ? "" : "&draining=" + draining.label())));
        } catch (OutcomeUnknownException e) {
            // The dict may hold either colour now; the read-back compares it with the file and settles it.
            throw e;
        } catch (DriverException e) {
            file.restore(previous);
            throw e;
        }
        if (answered != color) {
            file.restore(previous);
            throw new DriverException("nginx lua admin " + serviceUrl + " was asked for " + color + " and answers " + answered
                    + "; the include file was put back. Check that nothing else calls the admin location");
        }
    }

    @Override
    public Optional<Color> observeLive() {
        Color inDict = call("GET", null);
        Optional<Color> inFile = fileColour();
        if (!inFile.equals(Optional.of(inDict))) {
            return Optional.empty();
        }
        // One probe: there are no old workers to outlast; it shows that the public location routes by the dict.
        return !probes.configured() || probes.allAnswerFrom(inDict, 1) ? inFile : Optional.empty();
    }

    /** The colour the include file makes nginx start from, if it names exactly one. */
    Optional<Color> fileColour() {
        String content = file.read();
        if (content == null) {
            return Optional.empty();
        }
        List<String> defaults = BlockDirectives.firstArguments(content,
                head -> head.size() == 3 && head.get(0).equals("map") && head.get(2).equals(fileVariable()), "default");
        return defaults.size() == 1 ? Color.find(defaults.get(0)) : Optional.empty();
    }

    /**
     * Up when the admin location answers as the bluegreen lua handler (this is how the driver knows the nginx runs
     * the lua mode) and the dict and the include file name the same colour.
     */
    @Override
    public Health health() {
        try {
            Color inDict = call("GET", null);
            Optional<Color> inFile = fileColour();
            if (!inFile.equals(Optional.of(inDict))) {
                return Health.down("nginx serves " + inDict + " (lua_shared_dict) but the include file " + file.path() + " says "
                        + inFile.map(Color::toString).orElse("no single colour") + ": a switch stopped between writing the file and"
                        + " the admin call, or the file was edited. Make them agree: rewrite the file for " + inDict + ", the colour"
                        + " nginx serves (its form is in docs/drivers/nginx.md)");
            }
            if (probes.configured()) {
                probes.probe();
            }
            return Health.ok("nginx lua admin at " + serviceUrl + " answers " + inDict + ", as the include file says");
        } catch (DriverException e) {
            return Health.down(e.getMessage());
        }
    }

    /** GET reads the dict. */
    private Color call(String method, Color color) {
        return colour(exchange(method, color == null ? "" : "?color=" + color.label()));
    }

    private Color colour(JsonNode answer) {
        return Color.find(answer.path("live").asText()).orElseThrow(() -> new DriverException("nginx lua admin " + serviceUrl
                + " answered no colour: " + answer + ". Check the lua snippet of docs/drivers/nginx.md"));
    }

    /** GET reads the dict; PUT sets it. Either answers with the dict's state after the call. */
    private JsonNode exchange(String method, String query) {
        String token = secrets.resolve(TOKEN_FIELD, config.tokenRef());
        boolean changes = "PUT".equals(method);
        Request.Builder request = new Request.Builder().url(serviceUrl + query)
                .header("Authorization", "Bearer " + token);
        request.method(method, "PUT".equals(method) ? RequestBody.create(new byte[0]) : null);
        String where = "nginx lua admin " + method + " " + serviceUrl;
        try (Response response = admin.newCall(request.build()).execute()) {
            String body = response.body().string();
            JsonNode answer = parse(body);
            boolean ours = MARKER.equals(answer.path("bluegreen").asText());
            if (response.code() == 200 && ours) {
                return answer;
            }
            throw new DriverException(where + " failed with HTTP " + response.code() + (ours ? " (" + answer.path("error").asText() + ")" : "")
                    + ": " + hint(response.code(), ours) + ". Nothing was changed");
        } catch (ConnectException e) {
            throw new DriverException(where + " failed: nothing listens there (" + e.getMessage() + "). Check that nginx runs"
                    + " and that its config has the admin server of docs/drivers/nginx.md on nginx.adminUrl", e);
        } catch (InterruptedIOException e) {
            throw new OutcomeUnknownException(where + " did not answer within " + config.timeout()
                    + (changes ? "; nginx may or may not serve the new colour now, the read-back settles it" : "") + ". Check nginx", e);
        } catch (IOException e) {
            throw new OutcomeUnknownException(SecretMasking.mask(where + " failed: " + e.getMessage(), List.of(token))
                    + (changes ? "; nginx may or may not serve the new colour now, the read-back settles it" : ""), e);
        }
    }

    private String hint(int code, boolean ours) {
        if (!ours) {
            return code == 403 ? "nginx denied the call; the admin server must allow 127.0.0.1 and nginx.adminUrl must be on loopback"
                    : "no bluegreen admin location answers there; paste the lua snippet of docs/drivers/nginx.md into nginx's config"
                            + " (or use mode 'reload' for an nginx without the lua module)";
        }
        return switch (code) {
            case 401 -> "the admin location refused the token of " + TOKEN_FIELD + "; $bluegreen_token_sha1 in nginx's config must"
                    + " be the SHA-1 (hex) of that token";
            case 404 -> "nginx does not know the upstream '" + config.upstream() + "'; include " + file.path()
                    + " in its http block (it defines " + fileVariable() + ") and reload nginx once";
            default -> "see nginx's error log";
        };
    }

    private static JsonNode parse(String body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            return JSON.createObjectNode();
        }
    }
}
