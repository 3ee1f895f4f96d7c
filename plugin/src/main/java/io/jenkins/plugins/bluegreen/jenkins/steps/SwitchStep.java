package io.jenkins.plugins.bluegreen.jenkins.steps;

import hudson.AbortException;
import hudson.Extension;
import hudson.Util;
import hudson.console.HyperlinkNote;
import hudson.model.Run;
import hudson.model.TaskListener;
import io.jenkins.plugins.bluegreen.approval.ApprovalDecision;
import io.jenkins.plugins.bluegreen.approval.ApprovalGate;
import io.jenkins.plugins.bluegreen.approval.ApprovalPolicy;
import io.jenkins.plugins.bluegreen.approval.ApprovalRequest;
import io.jenkins.plugins.bluegreen.jenkins.approval.ApprovalSpec;
import io.jenkins.plugins.bluegreen.jenkins.approval.AwaitingApproval;
import io.jenkins.plugins.bluegreen.jenkins.approval.PendingApproval;
import io.jenkins.plugins.bluegreen.jenkins.state.BlueGreenAction;
import io.jenkins.plugins.bluegreen.jenkins.state.Release;
import io.jenkins.plugins.bluegreen.jenkins.targets.TargetDriver;
import io.jenkins.plugins.bluegreen.release.BlueGreenEngine.SwitchOptions;
import io.jenkins.plugins.bluegreen.release.Results.Switched;
import io.jenkins.plugins.bluegreen.view.ServiceView;
import java.io.IOException;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import jenkins.util.SystemProperties;
import jenkins.util.Timer;
import org.jenkinsci.Symbol;
import org.jenkinsci.plugins.workflow.flow.FlowExecutionOwner;
import org.jenkinsci.plugins.workflow.steps.GeneralNonBlockingStepExecution;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;

/**
 * {@code blueGreenSwitch(service: 'shop', approval: [...], watch: '60s')}: asks for approval without holding an
 * executor, then lets the engine switch, read back and watch. Returns the colour that is live afterwards.
 */
public class SwitchStep extends RoutedStep {

    private ApprovalSpec approval;
    private String watch;
    private boolean force;
    private boolean prepare;

    @DataBoundConstructor
    public SwitchStep(String service) {
        super(service);
    }

    public ApprovalSpec getApproval() {
        return approval;
    }

    @DataBoundSetter
    public void setApproval(ApprovalSpec approval) {
        this.approval = approval;
    }

    public String getWatch() {
        return watch;
    }

    /** Overrides the service's watch window, e.g. {@code 60s}; {@code 0s} switches without watching. */
    @DataBoundSetter
    public void setWatch(String watch) {
        this.watch = Util.fixEmptyAndTrim(watch);
    }

    public boolean isForce() {
        return force;
    }

    @DataBoundSetter
    public void setForce(boolean force) {
        this.force = force;
    }

    public boolean isPrepare() {
        return prepare;
    }

    /** dns: lower the record's TTL and wait the old one out before switching (the engine's prepare). */
    @DataBoundSetter
    public void setPrepare(boolean prepare) {
        this.prepare = prepare;
    }

    @Override
    public StepExecution start(StepContext context) throws Exception {
        return new Execution(context, this);
    }

    /**
     * Asks for approval and waits for the answer without a thread (the request and deadline are in the build and this
     * execution, so the wait survives a restart), then lets the engine switch. Engine work runs on the step pool,
     * never the CPS thread, and a switch in progress holds off a safe restart.
     */
    static class Execution extends GeneralNonBlockingStepExecution implements AwaitingApproval {
        private static final long serialVersionUID = 1L;

        private final String service;
        private final TargetDriver target;
        private final ApprovalSpec approval;
        private final String watch;
        private final boolean force;
        private final boolean prepare;
        private long deadlineMillis;
        /** When the approver was asked: the APPROVAL_REQUESTED event carries this time, not the answer's. */
        private long requestedMillis;
        private String approvedVersion;
        private transient ScheduledFuture<?> timer;
        /** Set by the first answer (approver, timeout or stop); later ones change nothing. */
        private transient boolean answered;
        private transient volatile boolean awaiting;
        /** Set once the switch is handed to the engine; from then on stopping the step does not interrupt it. */
        private transient volatile boolean switching;

        Execution(StepContext context, SwitchStep step) throws Exception {
            super(context);
            this.service = step.getService();
            this.target = step.getTarget();
            this.approval = step.approval;
            this.watch = step.watch;
            this.force = step.force;
            this.prepare = step.prepare;
        }

        @Override
        public boolean start() {
            switching = approval == null;
            run(switching ? () -> switchTraffic(null) : this::askForApproval);
            return false;
        }

        private void askForApproval() throws Exception {
            Release release = release(getContext(), service, target, watch);
            ApprovalPolicy policy = Release.call(approval::toPolicy);
            ApprovalRequest request = Release.call(() -> release.engine.approvalRequest(release.definition, policy.message(), force));
            requestedMillis = System.currentTimeMillis();
            deadlineMillis = requestedMillis + policy.timeout().toMillis();
            approvedVersion = request.toVersion();
            String adoption = ServiceView.adoption(release.store.load(service));
            TaskListener listener = getContext().get(TaskListener.class);
            request.describe().forEach(listener.getLogger()::println);
            if (!adoption.isEmpty()) {
                listener.getLogger().println(service + ": " + adoption);
            }
            BlueGreenAction.of(release.run).putApproval(new PendingApproval(request, approval.getSubmitter(), deadlineMillis, adoption));
            release.run.save();
            await();
            // Only now can the link be followed: the approval is in build.xml and this step answers.
            listener.getLogger().println(Messages.SwitchStep_Waiting(service, new Date(deadlineMillis)));
            listener.getLogger().println(HyperlinkNote.encodeTo("/" + release.run.getUrl() + BlueGreenAction.URL_NAME,
                    Messages.SwitchStep_ApproveLink(service)));
        }

        @Override
        public void onResume() {
            synchronized (this) {
                if (answered) {
                    return; // answered after the restart, before this resume: the switch is already under way
                }
            }
            if (blocksRestart()) {
                super.onResume(); // the switch itself was cut short: fails the step
                return;
            }
            try {
                BlueGreenAction action = getContext().get(Run.class).getAction(BlueGreenAction.class);
                if (action != null && action.approval(service) != null) {
                    await();
                } else {
                    getContext().onFailure(new AbortException(Messages.SwitchStep_InterruptedByRestart(service)));
                }
            } catch (Exception e) {
                getContext().onFailure(e);
            }
        }

        /** Arms the timeout; the deadline is persisted, the timer is not. */
        private synchronized void await() {
            if (answered) {
                return;
            }
            awaiting = true;
            long remaining = Math.max(0, deadlineMillis - System.currentTimeMillis());
            timer = Timer.get().schedule(() -> decide(ApprovalDecision.timedOut()), remaining, TimeUnit.MILLISECONDS);
        }

        @Override
        public String service() {
            return service;
        }

        /** Takes the first answer only; later answers (a late timeout, a second click) find nothing waiting. */
        @Override
        public boolean decide(ApprovalDecision decision) {
            if (!answer()) {
                return false;
            }
            switching = true;
            run(() -> switchTraffic(decision));
            return true;
        }

        /** Whether this is the first answer; stops the timer. */
        private synchronized boolean answer() {
            if (answered || approval == null) {
                return false;
            }
            answered = true;
            awaiting = false;
            if (timer != null) {
                timer.cancel(false);
            }
            return true;
        }

        private void switchTraffic(ApprovalDecision decision) throws Exception {
            Release release = release(getContext(), service, target, watch);
            BlueGreenAction action = BlueGreenAction.of(release.run);
            action.removeApproval(service);
            release.run.save();
            Instant requestedAt = requestedMillis == 0 ? null : Instant.ofEpochMilli(requestedMillis);
            SwitchOptions options = new SwitchOptions(release.actor, decision == null ? null
                    : ApprovalGate.decided(decision, approvedVersion, requestedAt), approval == null ? null : approval.toPolicy(), force, prepare);
            try {
                Switched switched = Release.call(() -> release.engine.switchTraffic(release.definition, options));
                if (switched.report() != null) {
                    action.record(service).setLastSwitch(switched.report(), switched.drain());
                }
                release.recordDrift();
                if (switched.autoRolledBack()) {
                    throw new AbortException(Messages.SwitchStep_AutoRolledBack(service, switched.to().name()));
                }
                action.switchDone(service, ServiceView.of(switched.state(), Optional.empty(), null).liveLabel(), false);
                getContext().onSuccess(switched.to().label());
            } catch (Exception e) {
                // The approval page shows the outcome of the switch it answered instead of "in progress".
                action.switchDone(service, e.getMessage() == null ? e.toString() : e.getMessage(), true);
                throw e;
            }
        }

        @Override
        public void stop(Throwable cause) throws Exception {
            answer();
            Run<?, ?> run = getContext().get(Run.class);
            BlueGreenAction action = run.getAction(BlueGreenAction.class);
            if (action != null) {
                action.removeApproval(service);
                run.save();
            }
            if (switching) {
                // Cut short, the router and the record could disagree: the switch completes and is recorded.
                getContext().onFailure(cause);
            } else {
                super.stop(cause);
            }
        }

        @Override
        public String getStatus() {
            return awaiting ? "waiting for approval of " + service + " until " + new Date(deadlineMillis)
                    : super.getStatus();
        }
    }

    @Extension
    @Symbol("blueGreenSwitch")
    public static class DescriptorImpl extends RoutedStepDescriptor {
        @Override
        public String getFunctionName() {
            return "blueGreenSwitch";
        }

        @Override
        public String getDisplayName() {
            return Messages.SwitchStep_DisplayName();
        }
    }
}
