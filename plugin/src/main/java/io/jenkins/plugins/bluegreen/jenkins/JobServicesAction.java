package io.jenkins.plugins.bluegreen.jenkins;

import hudson.Extension;
import hudson.model.Action;
import hudson.model.Job;
import hudson.model.Run;
import io.jenkins.plugins.bluegreen.view.ServiceView;
import java.util.Collection;
import java.util.List;
import jenkins.model.TransientActionFactory;

/** The job page's box: the live colour, now, of each service the job's last build released. */
public class JobServicesAction implements Action {

    private final Run<?, ?> lastRelease;

    JobServicesAction(Run<?, ?> lastRelease) {
        this.lastRelease = lastRelease;
    }

    /**
     * Each service as it is now, e.g. {@code shop: Live: GREEN (1.4.2)}; only those whose newest state was recorded by
     * a job the current user may see.
     */
    public List<ServiceView> getServices() {
        BlueGreenAction action = lastRelease.getAction(BlueGreenAction.class);
        return action.getServices().stream().filter(record -> mayRead(record.getService())).map(action::currentView).toList();
    }

    private static boolean mayRead(String service) {
        StateIndex.Pointer holder = StateIndex.get().pointer(service);
        return holder == null || JenkinsFacade.get().mayRead(holder.job);
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

        /** Lets {@code getAction(SomethingElse.class)} skip this factory. */
        @Override
        public Class<JobServicesAction> actionType() {
            return JobServicesAction.class;
        }

        @Override
        public Collection<? extends Action> createFor(Job target) {
            Run<?, ?> last = target.getLastCompletedBuild();
            return last == null || last.getAction(BlueGreenAction.class) == null ? List.of() : List.of(new JobServicesAction(last));
        }
    }
}
