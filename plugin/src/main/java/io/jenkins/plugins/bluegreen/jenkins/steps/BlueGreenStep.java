package io.jenkins.plugins.bluegreen.jenkins.steps;

import hudson.model.Item;
import hudson.model.Run;
import hudson.model.TaskListener;
import hudson.util.ComboBoxModel;
import io.jenkins.plugins.bluegreen.jenkins.config.BlueGreenConfiguration;
import io.jenkins.plugins.bluegreen.jenkins.config.ServiceConfig;
import io.jenkins.plugins.bluegreen.jenkins.state.Release;
import io.jenkins.plugins.bluegreen.jenkins.support.JenkinsFacade;
import io.jenkins.plugins.bluegreen.jenkins.targets.TargetDriver;
import java.io.IOException;
import java.util.Objects;
import java.util.Set;
import org.jenkinsci.plugins.workflow.steps.Step;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepDescriptor;
import org.kohsuke.stapler.AncestorInPath;

/** What every blue/green step names: the service. */
public abstract class BlueGreenStep extends Step {

    private final String service;

    protected BlueGreenStep(String service) {
        this.service = service;
    }

    public String getService() {
        return service;
    }

    /** The engine for this step's service, working in the step's build. */
    static Release release(StepContext context, String service, TargetDriver target, String watch)
            throws IOException, InterruptedException {
        Run<?, ?> run = context.get(Run.class);
        return Release.of(run, context.get(TaskListener.class).getLogger()::println, service, target, watch, Release.actorOf(run));
    }

    /** Every step needs only its build and its console. */
    public abstract static class BlueGreenStepDescriptor extends StepDescriptor {
        @Override
        public Set<? extends Class<?>> getRequiredContext() {
            return Set.of(Run.class, TaskListener.class);
        }

        /**
         * The configured services, for the Snippet Generator's service field (any other name may still be typed);
         * listed only to those who may configure the job, or administer Jenkins outside a job.
         */
        public ComboBoxModel doFillServiceItems(@AncestorInPath Item item) {
            ComboBoxModel names = new ComboBoxModel();
            if (item == null ? JenkinsFacade.get().isAdministrator() : item.hasPermission(Item.CONFIGURE)) {
                BlueGreenConfiguration.get().getServices().stream().map(ServiceConfig::getName).filter(Objects::nonNull).forEach(names::add);
            }
            return names;
        }
    }
}
