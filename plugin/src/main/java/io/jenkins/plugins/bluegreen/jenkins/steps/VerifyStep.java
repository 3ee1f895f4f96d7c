package io.jenkins.plugins.bluegreen.jenkins.steps;

import hudson.AbortException;
import hudson.Extension;
import hudson.model.Result;
import hudson.model.Run;
import hudson.util.ListBoxModel;
import io.jenkins.plugins.bluegreen.jenkins.state.Release;
import io.jenkins.plugins.bluegreen.model.Outcome;
import io.jenkins.plugins.bluegreen.release.Results.Verified;
import io.jenkins.plugins.bluegreen.verify.VerifyTarget;
import io.jenkins.plugins.bluegreen.verify.drift.DriftPolicy;
import java.util.List;
import java.util.Locale;
import org.jenkinsci.Symbol;
import org.jenkinsci.plugins.workflow.actions.WarningAction;
import org.jenkinsci.plugins.workflow.graph.FlowNode;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.jenkinsci.plugins.workflow.steps.SynchronousNonBlockingStepExecution;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;

/**
 * {@code blueGreenVerify(service: 'shop', colors: 'idle', checks: [httpCheck(path: '/health')])}: runs the checks
 * against the chosen colours. Failed or Error fails the step; Inconclusive marks the build UNSTABLE. Returns the
 * outcome, e.g. {@code SUCCESSFUL}.
 */
public class VerifyStep extends BlueGreenStep {

    private final List<VerifyCheck> checks;
    private String colors = "idle";
    private boolean prepareTtl;
    private String drift;

    @DataBoundConstructor
    public VerifyStep(String service, List<VerifyCheck> checks) {
        super(service);
        this.checks = checks == null ? List.of() : List.copyOf(checks);
    }

    public List<VerifyCheck> getChecks() {
        return checks;
    }

    public String getColors() {
        return colors;
    }

    /** {@code idle} (default), {@code live} or {@code both}. */
    @DataBoundSetter
    public void setColors(String colors) {
        this.colors = colors == null || colors.isBlank() ? "idle" : colors.trim().toLowerCase(Locale.ROOT);
    }

    /**
     * The old name of {@link #getColors()}: {@code target} names a router in the other steps. Deprecated setters are
     * still bound from Pipeline but left out of the Snippet Generator.
     *
     * @deprecated use {@code colors}
     */
    @Deprecated
    public String getTarget() {
        return colors;
    }

    /** @deprecated use {@link #setColors(String)} */
    @Deprecated
    @DataBoundSetter
    public void setTarget(String target) {
        setColors(target);
    }

    public boolean isPrepareTtl() {
        return prepareTtl;
    }

    /** dns: once the checks pass, lower the record's TTL for the switch (see {@link Release#prepareTtl()}). */
    @DataBoundSetter
    public void setPrepareTtl(boolean prepareTtl) {
        this.prepareTtl = prepareTtl;
    }

    public String getDrift() {
        return drift;
    }

    /** {@code warn}, {@code fail} or {@code ignore}, overriding the service's configured drift policy; empty keeps it. */
    @DataBoundSetter
    public void setDrift(String drift) {
        this.drift = drift == null || drift.isBlank() ? null : drift.trim().toLowerCase(Locale.ROOT);
    }

    @Override
    public StepExecution start(StepContext context) {
        return new Execution(context, this);
    }

    static class Execution extends SynchronousNonBlockingStepExecution<String> {
        private static final long serialVersionUID = 1L;

        private final transient VerifyStep step;

        Execution(StepContext context, VerifyStep step) {
            super(context);
            this.step = step;
        }

        @Override
        protected String run() throws Exception {
            Release release = release(getContext(), step.getService(), null, null);
            Verified verified = Release.call(() -> release.engine.verify(
                    release.definition.withDriftPolicy(step.drift == null ? null : DriftPolicy.parse("drift", step.drift)),
                    step.checks.stream().map(VerifyCheck::toCheck).toList(), VerifyTarget.parse("colors", step.colors),
                    release.actor));
            Outcome outcome = verified.outcome();
            if (outcome == Outcome.SUCCESSFUL && step.prepareTtl) {
                release.prepareTtl();
            }
            release.recordDrift();
            if (outcome == Outcome.FAILED || outcome == Outcome.ERROR) {
                throw new AbortException(Messages.VerifyStep_Failed(step.getService(), outcome));
            }
            if (outcome == Outcome.INCONCLUSIVE) {
                getContext().get(Run.class).setResult(Result.UNSTABLE);
                FlowNode node = getContext().get(FlowNode.class);
                if (node != null) {
                    // Stage views show the step, not only the build, as unstable.
                    node.addOrReplaceAction(new WarningAction(Result.UNSTABLE).withMessage(Messages.VerifyStep_Inconclusive(step.getService())));
                }
            }
            return outcome.name();
        }
    }

    @Extension
    @Symbol("blueGreenVerify")
    public static class DescriptorImpl extends BlueGreenStepDescriptor {
        @Override
        public String getFunctionName() {
            return "blueGreenVerify";
        }

        @Override
        public String getDisplayName() {
            return Messages.VerifyStep_DisplayName();
        }

        public ListBoxModel doFillDriftItems() {
            return new ListBoxModel(new ListBoxModel.Option("(as configured)", ""), new ListBoxModel.Option("warn"),
                    new ListBoxModel.Option("fail"), new ListBoxModel.Option("ignore"));
        }

        public ListBoxModel doFillColorsItems() {
            return new ListBoxModel(new ListBoxModel.Option("idle"), new ListBoxModel.Option("live"), new ListBoxModel.Option("both"));
        }
    }
}
