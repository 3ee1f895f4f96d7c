package io.jenkins.plugins.bluegreen.jenkins.steps;

import hudson.Extension;
import io.jenkins.plugins.bluegreen.jenkins.state.Release;
import io.jenkins.plugins.bluegreen.jenkins.targets.TargetDriver;
import io.jenkins.plugins.bluegreen.model.Color;
import io.jenkins.plugins.bluegreen.release.Results.DeployTarget;
import java.util.Map;
import org.jenkinsci.Symbol;
import org.jenkinsci.plugins.workflow.steps.BodyExecutionCallback;
import org.jenkinsci.plugins.workflow.steps.EnvironmentExpander;
import org.jenkinsci.plugins.workflow.steps.GeneralNonBlockingStepExecution;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.jenkinsci.plugins.workflow.steps.SynchronousNonBlockingStepExecution;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;

/**
 * {@code blueGreenDeploy(service: 'shop', version: '1.4.2') { sh "./deploy.sh $BG_COLOR" }}: deploys to the idle
 * colour, by the block or, without one, by the driver. Returns the colour, lower-case.
 */
public class DeployStep extends RoutedStep {

    private final String version;
    private boolean prepareTtl;

    @DataBoundConstructor
    public DeployStep(String service, String version) {
        super(service);
        this.version = version;
    }

    public String getVersion() {
        return version;
    }

    public boolean isPrepareTtl() {
        return prepareTtl;
    }

    /** dns: once deployed, lower the record's TTL for the switch (see {@link Release#prepareTtl()}). */
    @DataBoundSetter
    public void setPrepareTtl(boolean prepareTtl) {
        this.prepareTtl = prepareTtl;
    }

    @Override
    public StepExecution start(StepContext context) {
        return context.hasBody() ? new BodyExecution(context, this) : new ProvisionExecution(context, this);
    }

    /**
     * Marks the idle colour DEPLOYING and runs the block with BG_* set; how the block ends is recorded with the engine:
     * DEPLOYED, or FAILED with the error. Engine work runs on the step pool, never the CPS thread.
     */
    static class BodyExecution extends GeneralNonBlockingStepExecution {
        private static final long serialVersionUID = 1L;

        private final String service;
        private final TargetDriver target;
        private final String version;
        private final boolean prepareTtl;
        /** The colour being deployed, as a label (names only, no engine objects); set when the block starts. */
        private volatile String color;

        BodyExecution(StepContext context, DeployStep step) {
            super(context);
            this.service = step.getService();
            this.target = step.getTarget();
            this.version = step.version;
            this.prepareTtl = step.prepareTtl;
        }

        @Override
        public boolean start() {
            run(this::begin);
            return false;
        }

        private void begin() throws Exception {
            Release release = release(getContext(), service, target, null);
            DeployTarget to = Release.call(() -> release.engine.beginDeploy(release.definition, version, release.actor));
            color = to.color().label();
            Map<String, String> variables = Map.of("BG_SERVICE", service, "BG_COLOR", color, "BG_VERSION", version,
                    "BG_URL", to.url() == null ? "" : to.url());
            getContext().newBodyInvoker()
                    .withContext(EnvironmentExpander.merge(getContext().get(EnvironmentExpander.class), EnvironmentExpander.constant(variables)))
                    .withCallback(new Finish())
                    .start();
        }

        /** Once the block runs, its callback must still record the colour as FAILED, so only the start is cut short. */
        @Override
        public void stop(Throwable cause) throws Exception {
            if (color == null) {
                super.stop(cause);
            } else {
                getContext().onFailure(cause);
            }
        }

        private final class Finish extends BodyExecutionCallback {
            private static final long serialVersionUID = 1L;

            @Override
            public void onSuccess(StepContext context, Object result) {
                run(() -> {
                    Release release = release(context, service, target, null);
                    Release.call(() -> release.engine.finishDeploy(release.definition, Color.parse("color", color), release.actor));
                    if (prepareTtl) {
                        release.prepareTtl();
                    }
                    release.recordDrift();
                    context.onSuccess(color);
                });
            }

            @Override
            public void onFailure(StepContext context, Throwable t) {
                run(() -> {
                    try {
                        Release release = release(context, service, target, null);
                        Release.call(() -> release.engine.failDeploy(release.definition, Color.parse("color", color),
                                release.actor, String.valueOf(t.getMessage())));
                    } catch (Exception e) {
                        t.addSuppressed(e);
                    }
                    context.onFailure(t);
                });
            }
        }
    }

    /** Without a block the driver provisions the colour itself, off the CPS thread. */
    static class ProvisionExecution extends SynchronousNonBlockingStepExecution<String> {
        private static final long serialVersionUID = 1L;

        private final transient DeployStep step;

        ProvisionExecution(StepContext context, DeployStep step) {
            super(context);
            this.step = step;
        }

        @Override
        protected String run() throws Exception {
            Release release = step.release(getContext(), null);
            String color = Release.call(() -> release.engine.deploy(release.definition, step.version, release.actor, null))
                    .target().color().label();
            if (step.prepareTtl) {
                release.prepareTtl();
            }
            release.recordDrift();
            return color;
        }
    }

    @Extension
    @Symbol("blueGreenDeploy")
    public static class DescriptorImpl extends RoutedStepDescriptor {
        @Override
        public String getFunctionName() {
            return "blueGreenDeploy";
        }

        @Override
        public String getDisplayName() {
            return Messages.DeployStep_DisplayName();
        }

        @Override
        public boolean takesImplicitBlockArgument() {
            return true;
        }
    }
}
