package io.jenkins.plugins.bluegreen.jenkins;

import hudson.model.Run;
import hudson.model.TaskListener;
import java.io.IOException;
import java.util.Set;
import org.jenkinsci.plugins.workflow.steps.Step;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepDescriptor;

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
    }
}
