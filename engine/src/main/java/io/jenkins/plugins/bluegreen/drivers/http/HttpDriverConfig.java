package io.jenkins.plugins.bluegreen.drivers.http;

import com.fasterxml.jackson.core.JsonPointer;
import io.jenkins.plugins.bluegreen.driver.Addresses;
import io.jenkins.plugins.bluegreen.driver.DriverConfig;
import io.jenkins.plugins.bluegreen.driver.DriverTimeouts;
import io.jenkins.plugins.bluegreen.driver.SecretSource;
import io.jenkins.plugins.bluegreen.driver.TrafficDriver;
import io.jenkins.plugins.bluegreen.model.BadInputException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import java.util.stream.Stream;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;

/**
 * Settings of the generic HTTP driver, for any router or load balancer with an HTTP API: one configured request
 * switches (with {@code ${color}} in its URL, headers or body), another reads which colour is live.
 *
 * @param switchRequest the request that routes traffic to {@code ${color}}; method defaults to {@code POST}
 * @param observeRequest the request whose response names the live colour; method defaults to {@code GET}
 * @param colorJsonPointer where the colour stands in the observe response's JSON, e.g. {@code /upstream/color}
 * @param colorRegex or: a regular expression over the observe response; its first group (or whole match) is the colour
 * @param healthRequest optional: the request that shows the router is up; default: the observe request
 * @param credentials optional: how to authenticate, by secret reference
 * @param timeout how long one request may take; default {@code 10s}
 */
public record HttpDriverConfig(
        RequestTemplate switchRequest,
        RequestTemplate observeRequest,
        String colorJsonPointer,
        String colorRegex,
        RequestTemplate healthRequest,
        Credentials credentials,
        String timeout) implements DriverConfig {

    static final String TYPE = "http";
    static final String COLOR = "${color}";

    public HttpDriverConfig {
        switchRequest = RequestTemplate.checked("http.switchRequest", switchRequest, "POST", true);
        observeRequest = RequestTemplate.checked("http.observeRequest", observeRequest, "GET", false);
        if (healthRequest != null) {
            healthRequest = RequestTemplate.checked("http.healthRequest", healthRequest, "GET", false);
        }
        if ((colorJsonPointer == null) == (colorRegex == null)) {
            throw new BadInputException("http.colorJsonPointer", "give either colorJsonPointer (e.g. '/upstream/color')"
                    + " or colorRegex (e.g. 'live=(\\w+)') to read the colour from the observe response, not both or neither");
        }
        if (colorJsonPointer != null) {
            try {
                JsonPointer.compile(colorJsonPointer);
            } catch (IllegalArgumentException e) {
                throw new BadInputException("http.colorJsonPointer", "'" + colorJsonPointer
                        + "' is not a JSON pointer; write it like '/upstream/color'");
            }
        }
        if (colorRegex != null) {
            try {
                Pattern.compile(colorRegex);
            } catch (PatternSyntaxException e) {
                throw new BadInputException("http.colorRegex", "'" + colorRegex + "' is not a regular expression: "
                        + e.getDescription());
            }
        }
        if (credentials != null) {
            credentials.check();
        }
        timeout = DriverTimeouts.checked("http.timeout", timeout, "10s");
    }

    @Override
    public String type() {
        return TYPE;
    }

    /** The hosts of the switch (for either colour, as {@code ${color}} may stand in the host), observe and health URLs. */
    @Override
    public List<String> controlHosts() {
        Stream<String> urls = Stream.of(switchRequest.fill(switchRequest.url, "blue"), switchRequest.fill(switchRequest.url, "green"),
                observeRequest.url, healthRequest == null ? null : healthRequest.url);
        return urls.filter(Objects::nonNull).map(url -> HttpUrl.parse(url).host()).distinct().toList();
    }

    /** The switch request's own method (other than POST), headers or body; the other requests are plain GETs. */
    @Override
    public boolean customisesRequests() {
        return !"POST".equals(switchRequest.method) || !switchRequest.headers.isEmpty() || switchRequest.body != null;
    }

    @Override
    public TrafficDriver create(OkHttpClient http, SecretSource secrets) {
        Duration callTimeout = DriverTimeouts.parse("http.timeout", timeout);
        // a redirected control call is suspect (okhttp would turn a POST into a GET on 302); report it instead
        OkHttpClient client = DriverTimeouts.bounded(http, callTimeout).newBuilder().followRedirects(false).build();
        return new HttpDriver(this, client, secrets, callTimeout);
    }

    /**
     * One request; {@code ${color}} in the URL, a header value or the body is replaced by {@code blue} or
     * {@code green} (switch request only).
     *
     * @param method GET, POST, PUT, PATCH or DELETE
     * @param url the absolute http(s) URL
     * @param headers extra headers; a {@code Content-Type} here sets the body's type (default {@code application/json})
     * @param body the request body, or {@code null} for none
     */
    public record RequestTemplate(String method, String url, Map<String, String> headers, String body) {

        private static final Set<String> METHODS = Set.of("GET", "POST", "PUT", "PATCH", "DELETE");
        private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{[^}]*}");

        static RequestTemplate checked(String field, RequestTemplate request, String defaultMethod, boolean colorAllowed) {
            if (request == null) {
                throw new BadInputException(field, "is missing; give at least its url");
            }
            String method = request.method == null ? defaultMethod : request.method.trim().toUpperCase(Locale.ROOT);
            if (!METHODS.contains(method)) {
                throw new BadInputException(field + ".method", "'" + request.method + "' is not one of " + METHODS);
            }
            if (request.body != null && method.equals("GET")) {
                throw new BadInputException(field + ".body", "a GET request carries no body; use POST, PUT or PATCH, or drop the body");
            }
            Map<String, String> headers = request.headers == null ? Map.of() : Map.copyOf(request.headers);
            placeholders(field + ".url", request.url, colorAllowed);
            headers.forEach((name, value) -> placeholders(field + ".headers." + name, value, colorAllowed));
            placeholders(field + ".body", request.body, colorAllowed);
            Addresses.requireHttpUrl(field + ".url", request.url == null ? null : request.url.replace(COLOR, "blue"),
                    "https://lb.example.com/api/live");
            return new RequestTemplate(method, request.url, headers, request.body);
        }

        private static void placeholders(String field, String text, boolean colorAllowed) {
            if (text == null) {
                return;
            }
            Matcher matcher = PLACEHOLDER.matcher(text);
            while (matcher.find()) {
                if (!matcher.group().equals(COLOR) || !colorAllowed) {
                    throw new BadInputException(field, "'" + matcher.group() + "' cannot be filled in here; "
                            + (colorAllowed ? "the only placeholder is ${color}" : "only the switch request knows a colour"));
                }
            }
        }

        String fill(String text, String color) {
            return text == null || color == null ? text : text.replace(COLOR, color);
        }
    }

    /**
     * Authentication by secret reference; give one kind.
     *
     * @param bearerTokenRef a bearer token, sent as {@code Authorization: Bearer ...}
     * @param username with {@code passwordRef}: HTTP basic authentication
     * @param passwordRef the basic-authentication password
     * @param header with {@code headerValueRef}: a header carrying an API key, e.g. {@code X-Api-Key}
     * @param headerValueRef the API key
     */
    public record Credentials(String bearerTokenRef, String username, String passwordRef, String header,
            String headerValueRef) {

        /**
         * Authentication by one secret reference, as a form gives it: the password of {@code username}, else the
         * value of {@code header}, else a bearer token; {@code null} when nothing is given.
         */
        public static Credentials ofOneSecret(String secretRef, String username, String header) {
            if (secretRef == null && username == null && header == null) {
                return null;
            }
            if (username != null) {
                return new Credentials(null, username, secretRef, null, null);
            }
            return header != null ? new Credentials(null, null, null, header, secretRef)
                    : new Credentials(secretRef, null, null, null, null);
        }

        void check() {
            int kinds = (bearerTokenRef != null ? 1 : 0)
                    + (username != null || passwordRef != null ? 1 : 0)
                    + (header != null || headerValueRef != null ? 1 : 0);
            if (kinds != 1) {
                throw new BadInputException("http.credentials", "give one kind: bearerTokenRef, or username and"
                        + " passwordRef, or header and headerValueRef");
            }
            if ((username == null) != (passwordRef == null)) {
                throw new BadInputException("http.credentials.passwordRef", "basic authentication needs both username and passwordRef");
            }
            if ((header == null) != (headerValueRef == null)) {
                throw new BadInputException("http.credentials.headerValueRef", "an API-key header needs both header and headerValueRef");
            }
        }
    }
}
