package io.jenkins.plugins.bluegreen.store.etcd;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.bluegreen.driver.SecretSource;
import io.jenkins.plugins.bluegreen.model.BadInputException;
import io.jenkins.plugins.bluegreen.store.StateStoreException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import javax.net.ssl.SSLException;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/**
 * The few calls of etcd's v3 JSON gateway the store needs ({@code /v3/kv/range}, {@code /v3/kv/txn},
 * {@code /v3/lease/*}, {@code /v3/auth/authenticate}), over the engine's OkHttp and Jackson. A member that does not
 * answer, or has no leader, is skipped for the next one until the retry window is over; the member that answered
 * last is asked first next time. Configuration faults (a certificate etcd refuses, a wrong password) fail at once,
 * naming the setting.
 */
final class EtcdClient {

    private static final MediaType JSON = MediaType.get("application/json");
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Duration RETRY_PAUSE = Duration.ofMillis(100);
    /** gRPC status codes etcd returns through the gateway. */
    private static final int INVALID_ARGUMENT = 3;
    private static final int PERMISSION_DENIED = 7;
    private static final int UNAVAILABLE = 14;
    private static final int UNAUTHENTICATED = 16;

    private final List<String> endpoints;
    private final OkHttpClient http;
    private final EtcdSettings settings;
    private final SecretSource secrets;
    private final Duration retryWindow;
    private volatile int current;
    private volatile String token;

    EtcdClient(EtcdSettings settings, EtcdTls tls, SecretSource secrets, OkHttpClient base) {
        this.settings = settings;
        this.endpoints = settings.endpoints();
        this.secrets = secrets;
        // A member cut off from the others answers nothing for a while; fail over instead of waiting for it.
        OkHttpClient timed = base.newBuilder().connectTimeout(Duration.ofSeconds(1)).readTimeout(Duration.ofSeconds(3))
                .callTimeout(Duration.ofSeconds(4)).retryOnConnectionFailure(false).build();
        this.http = tls == null ? timed : tls.apply(timed);
        // A client that cannot reach etcd for longer than the lease TTL has lost its lock anyway.
        this.retryWindow = settings.leaseTtl();
    }

    static String base64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    static String text(JsonNode base64) {
        return base64.isMissingNode() || base64.isNull() ? "" : new String(Base64.getDecoder().decode(base64.asText()), StandardCharsets.UTF_8);
    }

    static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    /** Posts {@code body} to {@code path} on the first member that answers, with the auth token when configured. */
    JsonNode post(String path, ObjectNode body) {
        if (settings.username() != null && token == null) {
            authenticate();
        }
        try {
            return failingOver(path, body, true);
        } catch (TokenExpired e) {
            authenticate();
            return failingOver(path, body, true);
        }
    }

    private synchronized void authenticate() {
        ObjectNode credentials = object().put("name", settings.username())
                .put("password", secrets.resolve("store.password", settings.password()));
        token = failingOver("/v3/auth/authenticate", credentials, false).path("token").asText(null);
    }

    private JsonNode failingOver(String path, ObjectNode body, boolean withToken) {
        long deadline = System.nanoTime() + retryWindow.toNanos();
        String last = null;
        while (true) {
            int first = current;
            for (int i = 0; i < endpoints.size(); i++) {
                int index = (first + i) % endpoints.size();
                try {
                    JsonNode answer = once(endpoints.get(index), path, body, withToken);
                    current = index;
                    return answer;
                } catch (Unavailable e) {
                    last = endpoints.get(index) + ": " + e.getMessage();
                }
            }
            if (System.nanoTime() > deadline) {
                throw new StateStoreException("etcd did not answer " + path + " within " + retryWindow.toSeconds() + "s on any of "
                        + String.join(", ", endpoints) + " (last: " + last + "); nothing was changed by this call."
                        + " Check store.endpoints and that the cluster has a leader (etcdctl endpoint status)"
                        + (settings.tls() ? "; a member that resets every TLS connection refuses the client certificate (store.tls.cert)" : ""));
            }
            try {
                Thread.sleep(RETRY_PAUSE.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new StateStoreException("interrupted while waiting for etcd (" + last + ")");
            }
        }
    }

    private JsonNode once(String endpoint, String path, ObjectNode body, boolean withToken) {
        Request.Builder request = new Request.Builder().url(endpoint + path)
                .post(RequestBody.create(body.toString().getBytes(StandardCharsets.UTF_8), JSON));
        String auth = token;
        if (withToken && auth != null) {
            request.header("Authorization", auth);
        }
        try (Response response = http.newCall(request.build()).execute()) {
            String text = response.body().string();
            if (response.code() == 400 && text.startsWith("CommonName")) {
                throw new BadInputException(EtcdTls.CERT, "etcd's JSON gateway refuses a client certificate with a Common Name"
                        + " when it checks client certificates (" + text.strip() + "); issue the client certificate without a CN"
                        + " (its identity in the subjectAltName) and give the etcd user with store.username and store.password");
            }
            JsonNode answer = parse(endpoint, path, text);
            if (response.isSuccessful()) {
                return answer;
            }
            throw refusal(endpoint, path, response.code(), answer);
        } catch (SSLException e) {
            throw tlsProblem(endpoint, e);
        } catch (IOException e) {
            throw new Unavailable(e.getClass().getSimpleName() + (e.getMessage() == null ? "" : " " + e.getMessage()));
        }
    }

    private RuntimeException tlsProblem(String endpoint, SSLException e) {
        String message = String.valueOf(e.getMessage());
        String lower = message.toLowerCase(Locale.ROOT);
        if (lower.contains("pkix") || lower.contains("certification path") || lower.contains("no subject alternative")) {
            return new BadInputException(EtcdTls.CA, endpoint + " presented a certificate this client does not trust (" + message
                    + "); give the CA that signed the etcd members' certificates (their --trusted-ca-file)");
        }
        if (lower.contains("bad_certificate") || lower.contains("certificate_required") || lower.contains("unknown_ca")
                || lower.contains("certificate_unknown")) {
            return new BadInputException(EtcdTls.CERT, endpoint + " refused the client certificate (" + message + "); give a"
                    + " certificate signed by the CA in the members' --trusted-ca-file, with its key in " + EtcdTls.KEY);
        }
        return new Unavailable("TLS: " + message);
    }

    private static JsonNode parse(String endpoint, String path, String text) {
        try {
            return MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            throw new StateStoreException(endpoint + path + " did not answer JSON; is " + endpoint
                    + " an etcd v3 client URL (store.endpoints)? It said: " + text.substring(0, Math.min(200, text.length())).strip());
        }
    }

    private RuntimeException refusal(String endpoint, String path, int status, JsonNode answer) {
        int code = answer.path("code").asInt(-1);
        String message = answer.path("message").asText(answer.path("error").asText("HTTP " + status));
        if (code == UNAVAILABLE || status == 503) {
            return new Unavailable(message);
        }
        if (code == UNAUTHENTICATED && message.contains("invalid auth token")) {
            return new TokenExpired();
        }
        if (path.equals("/v3/auth/authenticate") && code == INVALID_ARGUMENT) {
            return new BadInputException("store.password", "etcd at " + endpoint + " refused user '" + settings.username() + "' ("
                    + message + "); check store.username and the secret store.password names");
        }
        if (message.contains("user name is empty") || (code == PERMISSION_DENIED && settings.username() == null)) {
            return new BadInputException("store.username", "etcd at " + endpoint + " requires authentication; give store.username"
                    + " and store.password (" + message + ")");
        }
        if (code == PERMISSION_DENIED) {
            return new BadInputException("store.username", "etcd user '" + settings.username() + "' may not use the keys under "
                    + settings.prefix() + " (" + message + "); grant it a role with read/write on that prefix");
        }
        return new StateStoreException("etcd at " + endpoint + " refused " + path + ": " + message);
    }

    /** The member did not answer, or cannot serve now (no leader); another one may. */
    private static final class Unavailable extends RuntimeException {
        Unavailable(String message) {
            super(message, null, false, false);
        }
    }

    /** Simple tokens expire after five idle minutes; authenticate again. */
    private static final class TokenExpired extends RuntimeException {
        TokenExpired() {
            super("auth token expired", null, false, false);
        }
    }
}
