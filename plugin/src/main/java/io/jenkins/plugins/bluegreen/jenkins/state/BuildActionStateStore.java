package io.jenkins.plugins.bluegreen.jenkins.state;

import hudson.Extension;
import hudson.model.Job;
import hudson.model.Run;
import hudson.security.ACL;
import hudson.security.ACLContext;
import io.jenkins.plugins.bluegreen.jenkins.config.BlueGreenConfiguration;
import io.jenkins.plugins.bluegreen.jenkins.support.JenkinsFacade;
import io.jenkins.plugins.bluegreen.jenkins.targets.RecordedLiveColor;
import io.jenkins.plugins.bluegreen.model.Color;
import io.jenkins.plugins.bluegreen.model.ServiceState;
import io.jenkins.plugins.bluegreen.store.InMemoryStateStore;
import io.jenkins.plugins.bluegreen.store.StaleStateException;
import io.jenkins.plugins.bluegreen.store.StateStore;
import io.jenkins.plugins.bluegreen.store.StateStoreException;
import java.io.IOException;
import java.time.Duration;

/**
 * Keeps each service's state in the {@link BlueGreenAction} of the build that last changed it; {@link StateIndex}
 * says which build that is. Saves by this store go into its own build.
 *
 * <p>With etcd configured ({@link BlueGreenConfiguration#sharedStore}), etcd holds the shared truth and the lock: loads,
 * saves and leases go to it, and each save is also recorded in this build's action, as the build's own snapshot and
 * events.
 */
public final class BuildActionStateStore implements StateStore {

    /** Only its leases are used: one per service across all jobs of this controller. */
    private static final InMemoryStateStore LEASES = new InMemoryStateStore();

    private final Run<?, ?> run;
    private final StateStore shared;

    public BuildActionStateStore(Run<?, ?> run) {
        this.run = run;
        this.shared = BlueGreenConfiguration.get().sharedStore();
    }

    @Override
    public ServiceState load(String service) {
        return shared != null ? shared.load(service) : latest(service, run);
    }

    /** The noop router's colour after a restart: what the newest record says is live. */
    @Extension
    public static final class RecordedLive implements RecordedLiveColor {
        @Override
        public Color of(String service) {
            return latest(service, null).live();
        }
    }

    /** The newest recorded state of {@code service}; {@code current} is the build asking, if any (it may hold it). */
    public static ServiceState latest(String service, Run<?, ?> current) {
        StateStore shared = BlueGreenConfiguration.get().sharedStore();
        if (shared != null) {
            return shared.load(service);
        }
        StateIndex.Pointer at = StateIndex.get().pointer(service);
        if (at == null) {
            return ServiceState.initial(service);
        }
        Run<?, ?> holder = current != null && at.isOf(current) ? current : holder(at);
        ServiceRecord record = BlueGreenAction.lookup(holder, service);
        if (record == null) {
            throw new StateStoreException(service + ": the newest state was recorded by " + at + ", which no longer exists;"
                    + " restore that build (or its build.xml) before releasing " + service + " again");
        }
        return record.getState();
    }

    /** The build {@code at} points to, or {@code null} when it is gone. */
    static Run<?, ?> holder(StateIndex.Pointer at) {
        Job<?, ?> job = JenkinsFacade.get().job(at.job);
        return job == null ? null : job.getBuildByNumber(at.build);
    }

    @Override
    public ServiceState save(ServiceState state) {
        if (shared != null) {
            ServiceState saved = shared.save(state);
            StateIndex index = StateIndex.get();
            synchronized (index) {
                record(saved);
                index.put(saved.service(), new StateIndex.Pointer(run, saved.revision()));
            }
            return saved;
        }
        StateIndex index = StateIndex.get();
        synchronized (index) {
            StateIndex.Pointer at = index.pointer(state.service());
            long actual = at == null ? 0 : at.revision;
            if (actual != state.revision()) {
                throw new StaleStateException(state.service(), state.revision(), actual);
            }
            ServiceState saved = state.withRevision(actual + 1);
            record(saved);
            index.put(state.service(), new StateIndex.Pointer(run, saved.revision()));
            keepHolders(index, at);
            return saved;
        }
    }

    /** This build's snapshot and events of the service. */
    private void record(ServiceState saved) {
        BlueGreenAction.of(run).record(saved.service()).update(saved);
        try {
            run.save();
        } catch (IOException e) {
            throw new StateStoreException(saved.service() + ": cannot save " + run.getFullDisplayName() + " (" + e.getMessage() + ")");
        }
    }

    /**
     * The build holding a service's newest state must survive log rotation, or the state is lost: keep it, and let
     * go of the previous holder once it holds no service's newest state (only if we were the ones who kept it).
     */
    private void keepHolders(StateIndex index, StateIndex.Pointer previous) {
        try (ACLContext ignored = ACL.as2(ACL.SYSTEM2)) {
            BlueGreenAction action = BlueGreenAction.of(run);
            if (!run.isKeepLog()) {
                action.setKeptForState(true);
                run.keepLog(true);
            }
            Run<?, ?> before = previous == null || previous.isOf(run) ? null : holder(previous);
            BlueGreenAction beforeAction = before == null ? null : before.getAction(BlueGreenAction.class);
            if (beforeAction != null && beforeAction.isKeptForState() && !index.pointsTo(before)) {
                beforeAction.setKeptForState(false);
                before.keepLog(false);
            }
        } catch (IOException e) {
            throw new StateStoreException(run.getFullDisplayName() + ": cannot mark the build as kept (" + e.getMessage() + ")");
        }
    }

    @Override
    public Lease acquire(String service, String holder, Duration wait) {
        return (shared != null ? shared : LEASES).acquire(service, run.getFullDisplayName() + " (" + holder + ")", wait);
    }
}
