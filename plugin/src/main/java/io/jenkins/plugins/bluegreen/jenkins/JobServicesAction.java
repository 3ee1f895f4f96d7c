package io.jenkins.plugins.bluegreen.jenkins;

import hudson.Extension;
import hudson.model.Action;
import hudson.model.Job;
import hudson.model.Run;
import io.jenkins.plugins.bluegreen.model.ServiceState;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import jenkins.model.TransientActionFactory;

/** The job page's box: the live colour, now, of each service the job's last build released. */
public class JobServicesAction implements Action {

    private final Run<?, ?> lastRelease;

    JobServicesAction(Run<?, ?> lastRelease) {
        this.lastRelease = lastRelease;
    }

    /** Service name to its current live environment, e.g. {@code shop -> GREEN (1.4.2)}. */
    public Map<String, String> getLive() {
        Map<String, String> live = new TreeMap<>();
        BuildActionStateStore store = new BuildActionStateStore(lastRelease);
        for (ServiceRecord record : lastRelease.getAction(BlueGreenAction.class).getServices()) {
            ServiceState state = store.load(record.getService());
            live.put(record.getService(), state.liveEnvironment() == null ? Messages.ServiceRecord_NothingLive()
                    : state.liveEnvironment().describe());
        }
        return live;
    }

    public Run<?, ?> getLastRelease() {
        return lastRelease;
    }

    @Override
    public String getIconFileName() {
        return null;
    }

    @Override
    public String getDisplayName() {
        return Messages.JobServicesAction_DisplayName();
    }

    @Override
    public String getUrlName() {
        return null;
    }

    @Extension
    @SuppressWarnings("rawtypes")
    public static class Factory extends TransientActionFactory<Job> {
        @Override
        public Class<Job> type() {
            return Job.class;
        }

        @Override
        public Collection<? extends Action> createFor(Job target) {
            Run<?, ?> last = target.getLastCompletedBuild();
            return last == null || last.getAction(BlueGreenAction.class) == null ? List.of() : List.of(new JobServicesAction(last));
        }
    }
}
