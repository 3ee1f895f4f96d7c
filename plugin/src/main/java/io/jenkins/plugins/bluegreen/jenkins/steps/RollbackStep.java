package io.jenkins.plugins.bluegreen.jenkins.steps;

import hudson.Extension;
import hudson.Util;
import io.jenkins.plugins.bluegreen.jenkins.state.BlueGreenAction;
import io.jenkins.plugins.bluegreen.jenkins.state.Release;
import org.jenkinsci.Symbol;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.jenkinsci.plugins.workflow.steps.SynchronousNonBlockingStepExecution;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;

/**
 * {@code blueGreenRollback(service: 'shop', reason: 'errors up')}: sends traffic back to the standby and returns its
 * colour. With {@code drill: true} it rolls back and forward again and records both recovery times.
 */
public class RollbackStep extends RoutedStep {

    private String reason;
    private boolean drill;

    @DataBoundConstructor
    public RollbackStep(String service) {
        super(service);
    }

    public String getReason() {
        return reason;
    }

    @DataBoundSetter
    public void setReason(String reason) {
        this.reason = Util.fixEmptyAndTrim(reason);
    }

    public boolean isDrill() {
        return drill;
    }

    @DataBoundSetter
    public void setDrill(boolean drill) {
        this.drill = drill;
    }

    @Override
    public StepExecution start(StepContext context) {
        return new Execution(context, this);
    }

    static class Execution extends SynchronousNonBlockingStepExecution<String> {
        private static final long serialVersionUID = 1L;

        private final transient RollbackStep step;

        Execution(StepContext context, RollbackStep step) {
            super(context);
            this.step = step;
        }

        @Override
        protected String run() throws Exception {
            Release release = step.release(getContext(), null);
            String reason = step.reason == null ? "rollback from Pipeline" : step.reason;
            return BlueGreenAction.of(release.run).rollBack(release, step.drill, reason).state().live().label();
        }
    }

    @Extension
    @Symbol("blueGreenRollback")
    public static class DescriptorImpl extends RoutedStepDescriptor {
        @Override
        public String getFunctionName() {
            return "blueGreenRollback";
        }

        @Override
        public String getDisplayName() {
            return Messages.RollbackStep_DisplayName();
        }
    }
}
