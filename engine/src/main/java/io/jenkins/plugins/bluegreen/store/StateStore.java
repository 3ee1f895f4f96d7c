package io.jenkins.plugins.bluegreen.store;

import io.jenkins.plugins.bluegreen.model.ServiceState;
import java.time.Duration;

/**
 * Where service state lives. The engine ships an in-memory and a JSON-file store; the Jenkins plugin keeps state in
 * build actions.
 */
public interface StateStore {

    /** The recorded state, or {@link ServiceState#initial} (revision 0) when the service was never recorded. */
    ServiceState load(String service);

    /**
     * Saves with optimistic concurrency: succeeds only when the stored revision still equals
     * {@code state.revision()}.
     *
     * @return the saved state, carrying its new revision
     * @throws StaleStateException when somebody saved in between
     */
    ServiceState save(ServiceState state);

    /**
     * Takes the per-service lease that keeps two releases of one service from interleaving.
     *
     * @param holder who asks, shown to anybody refused (e.g. {@code shop#42 (alice)})
     * @param wait how long to wait for a held lease; {@link Duration#ZERO} fails fast
     * @throws LeaseHeldException naming the holder when the lease stays taken
     */
    Lease acquire(String service, String holder, Duration wait);

    /** A held lease; closing it releases it. */
    interface Lease extends AutoCloseable {
        String service();

        String holder();

        @Override
        void close();
    }
}
