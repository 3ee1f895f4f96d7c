package io.jenkins.plugins.bluegreen.store;

import io.jenkins.plugins.bluegreen.model.ServiceState;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;

/** State in memory, for tests and dry runs. */
public class InMemoryStateStore implements StateStore {

    private final ConcurrentHashMap<String, ServiceState> states = new ConcurrentHashMap<>();
    private final LeaseRegistry leases = new LeaseRegistry();

    @Override
    public ServiceState load(String service) {
        return states.getOrDefault(service, ServiceState.initial(service));
    }

    @Override
    public ServiceState save(ServiceState state) {
        ServiceState[] saved = new ServiceState[1];
        states.compute(state.service(), (name, current) -> {
            long actual = current == null ? 0 : current.revision();
            if (actual != state.revision()) {
                throw new StaleStateException(name, state.revision(), actual);
            }
            saved[0] = state.withRevision(actual + 1);
            return saved[0];
        });
        return saved[0];
    }

    @Override
    public Lease acquire(String service, String holder, Duration wait) {
        leases.take(service, service, holder, wait);
        return leases.lease(service, service, holder, () -> {});
    }
}
