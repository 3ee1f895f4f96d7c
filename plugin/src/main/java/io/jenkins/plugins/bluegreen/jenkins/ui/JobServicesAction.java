package io.jenkins.plugins.bluegreen.jenkins.ui;

import hudson.Extension;
import hudson.model.Action;
import hudson.model.Job;
import hudson.model.Run;
import io.jenkins.plugins.bluegreen.jenkins.approval.PendingApproval;
import io.jenkins.plugins.bluegreen.jenkins.state.BlueGreenAction;
import io.jenkins.plugins.bluegreen.jenkins.state.StateIndex;
import io.jenkins.plugins.bluegreen.jenkins.support.JenkinsFacade;
import io.jenkins.plugins.bluegreen.view.ServiceView;
import java.util.Collection;
import java.util.List;
import jenkins.model.TransientActionFactory;

/**
 * The job page's box: the live colour, now, of each service the job's last build released, and the switches of its
 * running build that wait for approval.
 */
public class JobServicesAction implements Action {

    private final Run<?, ?> lastRelease;
    private final Run<?, ?> running;

    /**
     * @param lastRelease the last completed build, or {@code null}
     * @param running the newest build while it runs, or {@code null}
     */
    JobServicesAction(Run<?, ?> lastRelease, Run<?, ?> running) {
        this.lastRelease = lastRelease;
        this.running = running;
    }

    /** A switch waiting for approval in {@code run}. */
    public record Waiting(Run<?, ?> run, PendingApproval approval) {}

    /** The switches of the running build that wait for an approver, each with its build. */
    public List<Waiting> getWaitingApprovals() {
        BlueGreenAction action = running == null ? null : running.getAction(BlueGreenAction.class);
        return action == null ? List.of() : action.getApprovals().stream().map(approval -> new Waiting(running, approval)).toList();
    }

    /**
     * Each service as it is now, e.g. {@code shop: Live: GREEN (1.4.2)}; only those whose newest state was recorded by
     * a job the current user may see.
     */
    public List<ServiceView> getServices() {
        BlueGreenAction action = lastRelease == null ? null : lastRelease.getAction(BlueGreenAction.class);
        if (action == null) {
            return List.of();
        }
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
            Run<?, ?> newest = target.getLastBuild();
            Run<?, ?> running = newest != null && newest.isBuilding() ? newest : null;
            boolean released = last != null && last.getAction(BlueGreenAction.class) != null;
            BlueGreenAction runningAction = running == null ? null : running.getAction(BlueGreenAction.class);
            boolean waiting = runningAction != null && !runningAction.getApprovals().isEmpty();
            return released || waiting ? List.of(new JobServicesAction(released ? last : null, running)) : List.of();
        }
    }
}
