package io.jenkins.plugins.bluegreen.jenkins;

import hudson.AbortException;
import hudson.Extension;
import hudson.Util;
import hudson.console.HyperlinkNote;
import hudson.model.Run;
import hudson.model.TaskListener;
import hudson.util.DaemonThreadFactory;
import hudson.util.NamingThreadFactory;
import io.jenkins.plugins.bluegreen.approval.ApprovalDecision;
import io.jenkins.plugins.bluegreen.approval.ApprovalGate;
import io.jenkins.plugins.bluegreen.approval.ApprovalPolicy;
import io.jenkins.plugins.bluegreen.approval.ApprovalRequest;
import io.jenkins.plugins.bluegreen.model.Environment;
import io.jenkins.plugins.bluegreen.model.RefusedException;
import io.jenkins.plugins.bluegreen.model.ServiceState;
import io.jenkins.plugins.bluegreen.model.StateMachine;
import io.jenkins.plugins.bluegreen.release.BlueGreenEngine.SwitchOptions;
import io.jenkins.plugins.bluegreen.release.Results.Switched;
import java.util.Date;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import jenkins.util.Timer;
import org.jenkinsci.Symbol;
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

    @Override
    public StepExecution start(StepContext context) throws Exception {
        return new Execution(context, this);
    }

    /** Answers the switch of {@code service} waiting in {@code run}; false when none is waiting. */
    static boolean decide(Run<?, ?> run, String service, ApprovalDecision decision) {
        Execution waiting = Execution.WAITING.get(Execution.key(run, service));
        return waiting != null && waiting.decide(decision);
    }

    /**
     * Waits for the approver (state in the build's action and this execution, so it survives a restart), then runs
     * the engine's switch on a pool thread, never the CPS thread.
     */
    static class Execution extends StepExecution {
        private static final long serialVersionUID = 1L;

        private static final Map<String, Execution> WAITING = new ConcurrentHashMap<>();
        private static final ExecutorService SWITCHES = switchPool();

        private final String service;
        private final TargetDriver target;
        private final ApprovalSpec approval;
        private final String watch;
        private final boolean force;
        private final String key;
        private long deadlineMillis;
        private String approvedVersion;
        private transient ScheduledFuture<?> timer;

        Execution(StepContext context, SwitchStep step) throws Exception {
            super(context);
            this.service = step.getService();
            this.target = step.getTarget();
            this.approval = step.approval;
            this.watch = step.watch;
            this.force = step.force;
            this.key = key(context.get(Run.class), service);
        }

        static String key(Run<?, ?> run, String service) {
            return run.getExternalizableId() + "/" + service;
        }

        private static ExecutorService switchPool() {
            ThreadPoolExecutor pool = new ThreadPoolExecutor(4, 4, 60, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
                    new NamingThreadFactory(new DaemonThreadFactory(), "BlueGreen switch"));
            pool.allowCoreThreadTimeOut(true);
            return pool;
        }

        @Override
        public boolean start() throws Exception {
            if (approval == null) {
                launch(null);
                return false;
            }
            Release release = release(getContext(), service, target, watch);
            ApprovalRequest request = Release.call(() -> {
                ServiceState state = release.store.load(service);
                StateMachine.checkSwitch(state, state.idle(), force);
                approval.toPolicy();
                return release.engine.approvalRequest(release.definition, approval.getMessage());
            });
            deadlineMillis = System.currentTimeMillis() + approval.toPolicy().timeout().toMillis();
            approvedVersion = request.toVersion();
            PendingApproval pending = new PendingApproval(request, approval.getSubmitter(), deadlineMillis);
            TaskListener listener = getContext().get(TaskListener.class);
            pending.describe().forEach(listener.getLogger()::println);
            listener.getLogger().println(HyperlinkNote.encodeTo("/" + release.run.getUrl() + BlueGreenAction.URL_NAME,
                    Messages.SwitchStep_ApproveLink(service)));
            BlueGreenAction.of(release.run).putApproval(pending);
            release.run.save();
            await();
            return false;
        }

        @Override
        public void onResume() {
            try {
                Run<?, ?> run = getContext().get(Run.class);
                BlueGreenAction action = run.getAction(BlueGreenAction.class);
                if (approval != null && action != null && action.approval(service) != null) {
                    await();
                } else {
                    getContext().onFailure(new AbortException(Messages.SwitchStep_InterruptedByRestart(service)));
                }
            } catch (Exception e) {
                getContext().onFailure(e);
            }
        }

        /** Registers for the approval page and arms the timeout; the deadline is persisted, the timer is not. */
        private void await() {
            WAITING.put(key, this);
            long remaining = Math.max(0, deadlineMillis - System.currentTimeMillis());
            timer = Timer.get().schedule(() -> decide(ApprovalDecision.timedOut()), remaining, TimeUnit.MILLISECONDS);
        }

        /** Takes the first answer only; later answers (a late timeout, a second click) find nothing waiting. */
        boolean decide(ApprovalDecision decision) {
            if (!WAITING.remove(key, this)) {
                return false;
            }
            if (timer != null) {
                timer.cancel(false);
            }
            launch(decision);
            return true;
        }

        private void launch(ApprovalDecision decision) {
            SWITCHES.submit(() -> {
                try {
                    Release release = release(getContext(), service, target, watch);
                    BlueGreenAction action = BlueGreenAction.of(release.run);
                    action.removeApproval(service);
                    release.run.save();
                    getContext().onSuccess(switchTraffic(release, action, decision));
                } catch (Throwable t) {
                    getContext().onFailure(t);
                }
            });
        }

        private String switchTraffic(Release release, BlueGreenAction action, ApprovalDecision decision) throws Exception {
            ApprovalPolicy policy = approval == null ? null : approval.toPolicy();
            SwitchOptions options = new SwitchOptions(release.actor,
                    decision == null ? null : ApprovalGate.decided(decision), policy, force);
            Switched switched = Release.call(() -> {
                requireApprovedVersion(release.store.load(service));
                return release.engine.switchTraffic(release.definition, options);
            });
            if (switched.report() != null) {
                action.record(service).setLastSwitch(switched.report());
            }
            release.recordDrift();
            if (switched.autoRolledBack()) {
                throw new AbortException(Messages.SwitchStep_AutoRolledBack(service, switched.to().name()));
            }
            return switched.to().label();
        }

        /** What was approved is what goes live: a deployment in between voids the approval. */
        private void requireApprovedVersion(ServiceState state) {
            Environment idle = state.environment(state.idle());
            if (approval != null && !Objects.equals(approvedVersion, idle.version())) {
                throw new RefusedException(Messages.SwitchStep_VersionChanged(service, approvedVersion, idle.describe()));
            }
        }

        @Override
        public void stop(Throwable cause) throws Exception {
            WAITING.remove(key, this);
            if (timer != null) {
                timer.cancel(false);
            }
            Run<?, ?> run = getContext().get(Run.class);
            BlueGreenAction action = run.getAction(BlueGreenAction.class);
            if (action != null) {
                action.removeApproval(service);
                run.save();
            }
            getContext().onFailure(cause);
        }

        @Override
        public String getStatus() {
            return WAITING.containsKey(key) ? "waiting for approval of " + service + " until " + new Date(deadlineMillis)
                    : "switching " + service;
        }
    }

    @Extension
    @Symbol("blueGreenSwitch")
    public static class DescriptorImpl extends BlueGreenStepDescriptor {
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
