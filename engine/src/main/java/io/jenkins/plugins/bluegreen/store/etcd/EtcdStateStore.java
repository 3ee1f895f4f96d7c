package io.jenkins.plugins.bluegreen.store.etcd;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.bluegreen.driver.SecretSource;
import io.jenkins.plugins.bluegreen.model.ServiceName;
import io.jenkins.plugins.bluegreen.model.ServiceState;
import io.jenkins.plugins.bluegreen.store.ClosingLease;
import io.jenkins.plugins.bluegreen.store.LeaseHeldException;
import io.jenkins.plugins.bluegreen.store.StaleStateException;
import io.jenkins.plugins.bluegreen.store.StateJson;
import io.jenkins.plugins.bluegreen.store.StateStore;
import io.jenkins.plugins.bluegreen.store.StateStoreException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import okhttp3.OkHttpClient;

/**
 * State and lock shared by every controller and CLI that points at one etcd cluster. Each service has two keys under
 * the prefix: {@code <service>/state}, the same JSON as the file store's, and {@code <service>/lock}, the holder's
 * name attached to an etcd lease.
 *
 * <ul>
 *   <li>A save is one transaction: it writes only if the state key's {@code mod_revision} is still the one the state
 *   was read at, and, while this store holds the service's lock, only if the lock is still on this store's lease
 *   (a holder whose lease lapsed, e.g. after a long pause, cannot overwrite its successor).</li>
 *   <li>The lock is created only if absent, on a lease with the configured TTL that a background thread renews every
 *   third of it. A holder that dies stops renewing, and etcd deletes the lock when the TTL runs out.</li>
 * </ul>
 */
public final class EtcdStateStore implements StateStore {

    private static final ScheduledExecutorService KEEP_ALIVE = Executors.newSingleThreadScheduledExecutor(work -> {
        Thread thread = new Thread(work, "bluegreen-etcd-keepalive");
        thread.setDaemon(true);
        return thread;
    });
    private static final Duration LEASE_POLL = Duration.ofMillis(100);

    private final EtcdSettings settings;
    private final EtcdClient client;
    /** The engine revision and etcd mod_revision of each service's state as last read or written by this store. */
    private final Map<String, Seen> seen = new ConcurrentHashMap<>();
    /** The etcd lease of each service whose lock this store holds. */
    private final Map<String, Long> held = new ConcurrentHashMap<>();

    private record Seen(long revision, long modRevision) {}

    /** @param tls the CA and client certificate for https endpoints, or {@code null} for the JVM's trusted CAs */
    public EtcdStateStore(EtcdSettings settings, EtcdTls tls, SecretSource secrets, OkHttpClient http) {
        this.settings = settings;
        this.client = new EtcdClient(settings, tls, secrets, http);
    }

    public EtcdSettings settings() {
        return settings;
    }

    /** Where the state of {@code service} is kept, for messages. */
    public String location(String service) {
        return "etcd " + String.join(",", settings.endpoints()) + " key " + stateKey(service);
    }

    private String stateKey(String service) {
        return settings.prefix() + ServiceName.requireValid("service", service) + "/state";
    }

    private String lockKey(String service) {
        return settings.prefix() + ServiceName.requireValid("service", service) + "/lock";
    }

    @Override
    public ServiceState load(String service) {
        JsonNode kv = client.post("/v3/kv/range", EtcdClient.object().put("key", EtcdClient.base64(stateKey(service)))).path("kvs").path(0);
        if (kv.isMissingNode()) {
            seen.put(service, new Seen(0, 0));
            return ServiceState.initial(service);
        }
        ServiceState state = StateJson.read(EtcdClient.text(kv.path("value")), location(service));
        seen.put(service, new Seen(state.revision(), kv.path("mod_revision").asLong()));
        return state;
    }

    @Override
    public ServiceState save(ServiceState state) {
        String service = state.service();
        Seen read = seen.get(service);
        if (read == null || read.revision() != state.revision()) {
            load(service);
            read = seen.get(service);
            if (read.revision() != state.revision()) {
                throw new StaleStateException(service, state.revision(), read.revision());
            }
        }
        ServiceState saved = state.withRevision(state.revision() + 1);
        String json = StateJson.write(saved);
        Long lease = held.get(service);
        ArrayNode compare = EtcdClient.object().arrayNode();
        compare.addObject().put("key", EtcdClient.base64(stateKey(service))).put("target", "MOD").put("result", "EQUAL")
                .put("mod_revision", String.valueOf(read.modRevision()));
        if (lease != null) {
            compare.addObject().put("key", EtcdClient.base64(lockKey(service))).put("target", "LEASE").put("result", "EQUAL")
                    .put("lease", String.valueOf(lease));
        }
        ObjectNode txn = EtcdClient.object();
        txn.set("compare", compare);
        txn.putArray("success").addObject().putObject("request_put")
                .put("key", EtcdClient.base64(stateKey(service))).put("value", EtcdClient.base64(json));
        ArrayNode failure = txn.putArray("failure");
        failure.addObject().putObject("request_range").put("key", EtcdClient.base64(stateKey(service)));
        failure.addObject().putObject("request_range").put("key", EtcdClient.base64(lockKey(service)));
        JsonNode answer = client.post("/v3/kv/txn", txn);
        if (answer.path("succeeded").asBoolean(false)) {
            seen.put(service, new Seen(saved.revision(), answer.path("header").path("revision").asLong()));
            return saved;
        }
        JsonNode stored = answer.path("responses").path(0).path("response_range").path("kvs").path(0);
        if (!stored.isMissingNode() && EtcdClient.text(stored.path("value")).equals(json)) {
            // The member applied our write but its answer was lost; the client asked again and found it done.
            seen.put(service, new Seen(saved.revision(), stored.path("mod_revision").asLong()));
            return saved;
        }
        JsonNode lock = answer.path("responses").path(1).path("response_range").path("kvs").path(0);
        if (lease != null && (lock.isMissingNode() || lock.path("lease").asLong() != lease)) {
            throw new StateStoreException(service + ": this release's lock lapsed (its etcd lease was not renewed within "
                    + settings.leaseTtl().toSeconds() + "s; " + (lock.isMissingNode() ? "nobody holds it now"
                            : "now held by " + EtcdClient.text(lock.path("value"))) + "), so nothing was saved."
                    + " Check 'status': the router may have moved without the record");
        }
        long actual = stored.isMissingNode() ? 0 : StateJson.read(EtcdClient.text(stored.path("value")), location(service)).revision();
        seen.remove(service);
        throw new StaleStateException(service, state.revision(), actual);
    }

    @Override
    public Lease acquire(String service, String holder, Duration wait) {
        String key = EtcdClient.base64(lockKey(service));
        long deadline = System.nanoTime() + wait.toNanos();
        long lease = client.post("/v3/lease/grant", EtcdClient.object().put("TTL", String.valueOf(settings.leaseTtl().toSeconds())))
                .path("ID").asLong();
        try {
            while (true) {
                ObjectNode txn = EtcdClient.object();
                txn.putArray("compare").addObject().put("key", key).put("target", "CREATE").put("result", "EQUAL")
                        .put("create_revision", "0");
                txn.putArray("success").addObject().putObject("request_put").put("key", key)
                        .put("value", EtcdClient.base64(holder)).put("lease", String.valueOf(lease));
                txn.putArray("failure").addObject().putObject("request_range").put("key", key);
                JsonNode answer = client.post("/v3/kv/txn", txn);
                JsonNode current = answer.path("responses").path(0).path("response_range").path("kvs").path(0);
                if (answer.path("succeeded").asBoolean(false) || current.path("lease").asLong() == lease) {
                    return held(service, holder, lease);
                }
                long remaining = deadline - System.nanoTime();
                if (remaining <= 0) {
                    throw new LeaseHeldException(service, current.isMissingNode() ? "another release" : EtcdClient.text(current.path("value")));
                }
                Thread.sleep(Math.max(1, Math.min(LEASE_POLL.toMillis(), remaining / 1_000_000)));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            revoke(lease);
            throw new LeaseHeldException(service, "another release (interrupted while waiting)");
        } catch (RuntimeException e) {
            revoke(lease);
            throw e;
        }
    }

    private Lease held(String service, String holder, long lease) {
        held.put(service, lease);
        long every = Math.max(500, settings.leaseTtl().toMillis() / 3);
        ScheduledFuture<?> renewal = KEEP_ALIVE.scheduleWithFixedDelay(() -> keepAlive(lease), every, every, TimeUnit.MILLISECONDS);
        return new ClosingLease(service, holder, () -> {
            renewal.cancel(false);
            held.remove(service, lease);
            revoke(lease);
        });
    }

    /** A renewal that fails is tried again at the next tick; a lapsed lease shows at the next save, which refuses. */
    private void keepAlive(long lease) {
        try {
            client.post("/v3/lease/keepalive", EtcdClient.object().put("ID", String.valueOf(lease)));
        } catch (RuntimeException e) {
            // etcd unreachable for now; the fenced save reports a lapse
        }
    }

    /** Revoking deletes the lock at once; if etcd cannot be reached the TTL frees it instead. */
    private void revoke(long lease) {
        try {
            client.post("/v3/lease/revoke", EtcdClient.object().put("ID", String.valueOf(lease)));
        } catch (RuntimeException e) {
            // the lease expires on its own within the TTL
        }
    }
}
