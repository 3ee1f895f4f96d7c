package io.jenkins.plugins.bluegreen.drivers.kubernetes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jenkins.plugins.bluegreen.driver.DriverException;
import io.jenkins.plugins.bluegreen.driver.SecretMasking;
import io.jenkins.plugins.bluegreen.model.Durations;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;
import javax.net.ssl.SSLException;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/**
 * The few API server calls the driver makes, with the token attached and every failure turned into a
 * {@link DriverException} that says what to check. The token is never put into a message.
 */
final class KubernetesApi {

    /** Strategic merge: containers are merged by name, so a patch sets one container's image and leaves the rest. */
    static final MediaType STRATEGIC_MERGE_PATCH = MediaType.get("application/strategic-merge-patch+json");

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MESSAGE_LIMIT = 300;

    private final OkHttpClient http;
    private final HttpUrl apiServer;
    private final String namespace;
    private final Supplier<String> token;
    private final Duration timeout;

    /** @param token resolves the bearer token at each call, so a rotated token is picked up; {@code null} for none */
    KubernetesApi(OkHttpClient http, HttpUrl apiServer, String namespace, Supplier<String> token, Duration timeout) {
        this.http = http;
        this.apiServer = apiServer;
        this.namespace = namespace;
        this.token = token;
        this.timeout = timeout;
    }

    String namespace() {
        return namespace;
    }

    /** A namespaced object: {@code kind} is {@code services} or {@code deployments}. */
    record Resource(String apiPrefix, String kind, String name) {
        static Resource service(String name) {
            return new Resource("api/v1", "services", name);
        }

        static Resource deployment(String name) {
            return new Resource("apis/apps/v1", "deployments", name);
        }

        String describe() {
            return kind.substring(0, kind.length() - 1) + " '" + name + "'";
        }
    }

    JsonNode get(Resource resource, String call) {
        return send(new Request.Builder().url(url(resource)).get(), resource, call);
    }

    JsonNode patch(Resource resource, JsonNode patch, String call) {
        // bytes, not a String: okhttp would append "; charset=utf-8" to the patch content type
        RequestBody body = RequestBody.create(patch.toString().getBytes(StandardCharsets.UTF_8), STRATEGIC_MERGE_PATCH);
        return send(new Request.Builder().url(url(resource)).patch(body), resource, call);
    }

    private HttpUrl url(Resource resource) {
        return apiServer.newBuilder()
                .addPathSegments(resource.apiPrefix())
                .addPathSegment("namespaces").addPathSegment(namespace)
                .addPathSegment(resource.kind()).addPathSegment(resource.name())
                .build();
    }

    private JsonNode send(Request.Builder request, Resource resource, String call) {
        List<String> secretValues = token == null ? List.of() : List.of(token.get());
        if (!secretValues.isEmpty()) {
            request.header("Authorization", "Bearer " + secretValues.get(0));
        }
        request.header("Accept", "application/json");
        String where = "kubernetes router (" + apiServer + ", namespace '" + namespace + "'): " + call;
        try (Response response = http.newCall(request.build()).execute()) {
            String body = response.body().string();
            if (!response.isSuccessful()) {
                throw new DriverException(SecretMasking.mask(where + " failed with HTTP " + response.code() + " "
                        + statusMessage(body) + "; " + hint(response.code(), resource), secretValues));
            }
            return JSON.readTree(body);
        } catch (InterruptedIOException e) {
            throw new DriverException(where + " got no answer within " + Durations.format(timeout)
                    + "; check that the API server is reachable from here and not overloaded (kubernetes.timeout)");
        } catch (SSLException e) {
            throw new DriverException(SecretMasking.mask(where + " failed the TLS handshake (" + e.getMessage()
                    + "); check kubernetes.caCertificateFile holds the cluster's CA certificate", secretValues), e);
        } catch (IOException e) {
            throw new DriverException(SecretMasking.mask(where + " failed: " + e
                    + "; check kubernetes.apiServer and that the API server is reachable from here", secretValues), e);
        }
    }

    private String hint(int code, Resource resource) {
        return switch (code) {
            case 401 -> "check that the token referenced by kubernetes.tokenRef is valid and has not expired";
            case 403 -> "check that the service account's Role allows get and patch on " + resource.kind()
                    + " in namespace '" + namespace + "'";
            case 404 -> "check that " + resource.describe() + " exists in namespace '" + namespace + "'";
            case 409 -> "another client changed " + resource.describe() + " at the same moment; run the command again";
            case 422 -> "the API server refused the change to " + resource.describe()
                    + " as invalid; check the label key, container name and image";
            default -> "check the API server's health and its logs";
        };
    }

    /** The API server explains failures in a Status object; fall back to the start of whatever came. */
    private static String statusMessage(String body) {
        String message;
        try {
            JsonNode status = JSON.readTree(body);
            message = status != null && status.hasNonNull("message") ? status.get("message").asText() : body;
        } catch (IOException e) {
            message = body;
        }
        message = message.strip();
        message = message.length() > MESSAGE_LIMIT ? message.substring(0, MESSAGE_LIMIT) + "..." : message;
        return message.isEmpty() ? "" : "(" + message + ")";
    }
}
