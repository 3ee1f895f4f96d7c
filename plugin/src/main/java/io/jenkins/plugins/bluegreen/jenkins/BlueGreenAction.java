package io.jenkins.plugins.bluegreen.jenkins;

import hudson.AbortException;
import hudson.model.Api;
import hudson.model.Failure;
import hudson.model.Run;
import hudson.security.ACL;
import hudson.security.ACLContext;
import hudson.util.DaemonThreadFactory;
import hudson.util.NamingThreadFactory;
import io.jenkins.plugins.bluegreen.approval.ApprovalDecision;
import io.jenkins.plugins.bluegreen.release.Results.TrafficMoved;
import io.jenkins.plugins.bluegreen.model.BadInputException;
import io.jenkins.plugins.bluegreen.store.StateStoreException;
import io.jenkins.plugins.bluegreen.view.ServiceView;
import io.jenkins.plugins.bluegreen.view.SwitchReportPage;
import io.jenkins.plugins.bluegreen.watch.SwitchReport;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.logging.Level;
import java.util.logging.Logger;
import jenkins.model.Jenkins;
import jenkins.model.RunAction2;
import org.kohsuke.stapler.HttpResponse;
import org.kohsuke.stapler.HttpResponses;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.StaplerResponse2;
import org.kohsuke.stapler.export.Exported;
import org.kohsuke.stapler.export.ExportedBean;
import org.kohsuke.stapler.interceptor.RequirePOST;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.Authentication;

/**
 * The blue/green record of one build: the state of every service it touched, its switch windows and the switches
 * waiting for approval. The build page's "Live: GREEN (1.4.2)" link, its summary box and {@code /bluegreen}.
 */
@ExportedBean
public class BlueGreenAction implements RunAction2 {

    static final String URL_NAME = "bluegreen";
    private static final Logger LOGGER = Logger.getLogger(BlueGreenAction.class.getName());

    private List<ServiceRecord> services = new ArrayList<>();
    private List<PendingApproval> approvals = new ArrayList<>();
    /** Whether this plugin set "keep forever" because the build holds a service's newest state. */
    private boolean keptForState;
    private transient Run<?, ?> run;
    private transient Map<String, ButtonTask> buttonTasks = new ConcurrentHashMap<>();

    /** Runs the buttons' rollbacks and drills: a few at a time, and a bounded queue, so a burst of clicks is refused. */
    private static final ExecutorService BUTTONS = new ThreadPoolExecutor(2, 2, 60, TimeUnit.SECONDS,
            new ArrayBlockingQueue<>(8), new NamingThreadFactory(new DaemonThreadFactory(), "BlueGreen button"));

    static {
        ((ThreadPoolExecutor) BUTTONS).allowCoreThreadTimeOut(true);
    }

    /** The build's action, added on first use. */
    static BlueGreenAction of(Run<?, ?> run) {
        synchronized (run) {
            BlueGreenAction action = run.getAction(BlueGreenAction.class);
            if (action == null) {
                action = new BlueGreenAction();
                run.addAction(action);
            }
            return action;
        }
    }

    protected synchronized Object readResolve() {
        services = services == null ? new ArrayList<>() : services;
        approvals = approvals == null ? new ArrayList<>() : approvals;
        buttonTasks = new ConcurrentHashMap<>();
        return this;
    }

    @Override
    public void onAttached(Run<?, ?> r) {
        run = r;
    }

    @Override
    public void onLoad(Run<?, ?> r) {
        run = r;
    }

    public Run<?, ?> getRun() {
        return run;
    }

    boolean isKeptForState() {
        return keptForState;
    }

    void setKeptForState(boolean keptForState) {
        this.keptForState = keptForState;
    }

    /** This build's record of {@code service}, created on first use. */
    synchronized ServiceRecord record(String service) {
        ServiceRecord existing = lookup(service);
        if (existing != null) {
            return existing;
        }
        ServiceRecord created = new ServiceRecord(service, run.getStartTimeInMillis());
        services.add(created);
        return created;
    }

    /** This build's record of {@code service}, or {@code null} when it has none (nothing is created). */
    synchronized ServiceRecord lookup(String service) {
        return services.stream().filter(record -> record.getService().equals(service)).findFirst().orElse(null);
    }

    /** What {@code run} recorded about {@code service}, or {@code null}; adds nothing to the build. */
    static ServiceRecord lookup(Run<?, ?> run, String service) {
        BlueGreenAction action = run == null ? null : run.getAction(BlueGreenAction.class);
        return action == null ? null : action.lookup(service);
    }

    @Exported
    public synchronized List<ServiceRecord> getServices() {
        return List.copyOf(services);
    }

    public synchronized List<PendingApproval> getApprovals() {
        return List.copyOf(approvals);
    }

    synchronized PendingApproval approval(String service) {
        return approvals.stream().filter(a -> a.getService().equals(service)).findFirst().orElse(null);
    }

    synchronized void putApproval(PendingApproval approval) {
        removeApproval(approval.getService());
        approvals.add(approval);
    }

    synchronized void removeApproval(String service) {
        approvals.removeIf(a -> a.getService().equals(service));
    }

    /** Rolls back (or drills) and records the switch window; shared by the step and the button. */
    TrafficMoved rollBack(Release release, boolean drill, String reason) throws Exception {
        TrafficMoved moved = Release.call(() -> drill ? release.engine.drill(release.definition, release.actor)
                : release.engine.rollback(release.definition, release.actor, reason));
        if (moved.report() != null) {
            record(release.definition.name()).setLastSwitch(moved.report());
        }
        release.recordDrift();
        return moved;
    }

    // ---------------------------------------------------------------- UI

    @Override
    public String getIconFileName() {
        List<ServiceRecord> touched = getServices();
        if (touched.isEmpty()) {
            return null;
        }
        return "symbol-bluegreen-" + touched.get(0).getView().liveColor() + " plugin-blue-green-deployment";
    }

    @Override
    public String getDisplayName() {
        List<ServiceRecord> touched = getServices();
        if (touched.size() != 1) {
            return Messages.BlueGreenAction_Services(touched.size());
        }
        ServiceView only = touched.get(0).getView();
        return only.drifted() ? Messages.BlueGreenAction_Drifted(only.liveLabel()) : only.liveLabel();
    }

    @Override
    public String getUrlName() {
        return URL_NAME;
    }

    public Api getApi() {
        return new Api(this);
    }

    /**
     * The service as it is now (it may have changed since this build): the rollback and drill buttons act on this,
     * not on the snapshot.
     */
    public ServiceView currentView(ServiceRecord record) {
        try {
            return record.viewOf(new BuildActionStateStore(run).load(record.getService()));
        } catch (StateStoreException | BadInputException e) {
            // The page still shows this build's snapshot; pressing a button reports the store's problem.
            LOGGER.log(Level.WARNING, "cannot read the current state of " + record.getService(), e);
            return record.getView();
        }
    }

    /** The switch window of a service as an SVG image (the engine draws it; it has no script). */
    public void doTimeline(@QueryParameter String service, StaplerResponse2 rsp) throws IOException {
        ServiceRecord record = existing(service);
        SwitchReport report = record.getLastSwitch();
        serveDocument(rsp, "image/svg+xml", report == null ? null : SwitchReportPage.timeline(report, record.getState()));
    }

    /** The engine's switch report: figures, the timeline, failed probes and recent events, as one page. */
    public void doReport(@QueryParameter String service, StaplerResponse2 rsp) throws IOException {
        ServiceRecord record = existing(service);
        SwitchReport report = record.getLastSwitch();
        serveDocument(rsp, "text/html", report == null ? null : SwitchReportPage.render(report, record.getState()));
    }

    /** Engine-written markup (no script, all text escaped), served under a deny-all policy in case it is opened directly. */
    private static void serveDocument(StaplerResponse2 rsp, String type, String document) throws IOException {
        if (document == null) {
            rsp.sendError(HttpServletResponse.SC_NOT_FOUND);
            return;
        }
        rsp.setContentType(type + ";charset=UTF-8");
        rsp.setHeader("Content-Security-Policy", "default-src 'none'");
        rsp.getWriter().write(document);
    }

    public boolean mayRollBack() {
        return run.getParent().hasPermission(BlueGreenPermissions.ROLLBACK);
    }

    /**
     * The rollback and drill buttons. The work (lease wait, switch, settling) runs in the background and the page
     * comes back at once, showing it as running and then its result.
     */
    @RequirePOST
    public synchronized HttpResponse doRollback(@QueryParameter String service, @QueryParameter String reason,
            @QueryParameter boolean drill) {
        run.getParent().checkPermission(BlueGreenPermissions.ROLLBACK);
        ServiceRecord record = existing(service);
        ButtonTask previous = buttonTask(service);
        if (previous != null && previous.isRunning()) {
            throw new Failure(Messages.BlueGreenAction_ButtonBusy(service, previous.getActor()));
        }
        Authentication who = Jenkins.getAuthentication2();
        String why = reason == null || reason.isBlank() ? Messages.BlueGreenAction_ButtonReason() : reason.trim();
        ButtonTask task = new ButtonTask(who.getName(), drill);
        try {
            task.future = BUTTONS.submit(() -> press(task, who, record, drill, why));
        } catch (RejectedExecutionException e) {
            throw new Failure(Messages.BlueGreenAction_ButtonsBusy());
        }
        buttonTasks.put(service, task);
        return HttpResponses.redirectToDot();
    }

    private void press(ButtonTask task, Authentication who, ServiceRecord record, boolean drill, String why) {
        try (ACLContext ignored = ACL.as2(who)) {
            Release release = Release.of(run, LOGGER::info, record.getService(), record.getInlineTarget(), null, who.getName());
            rollBack(release, drill, why);
            task.done(currentView(record).liveLabel(), false);
        } catch (AbortException e) {
            task.done(e.getMessage(), true);
        } catch (Exception | Error e) {
            LOGGER.log(Level.WARNING, "the " + (drill ? "drill" : "rollback") + " of " + record.getService() + " failed", e);
            task.done(String.valueOf(e), true); // never left "running", which would block the buttons until a restart
        }
    }

    /** The last rollback or drill pressed on this page for {@code service}, or {@code null}. */
    public ButtonTask buttonTask(String service) {
        return buttonTasks.get(service);
    }

    /**
     * A rollback or drill started by a button: who pressed it, whether it is still running, and its result (the live
     * label) or refusal. Kept in memory only; the service's events record the outcome for good.
     */
    public static final class ButtonTask {
        private final String actor;
        private final boolean drill;
        private volatile String result;
        private volatile boolean failed;
        private volatile Future<?> future;

        ButtonTask(String actor, boolean drill) {
            this.actor = actor;
            this.drill = drill;
        }

        /** The background work, for tests that wait for it. */
        Future<?> future() {
            return future;
        }

        void done(String result, boolean failed) {
            this.failed = failed;
            this.result = result;
        }

        public String getActor() {
            return actor;
        }

        public boolean isDrill() {
            return drill;
        }

        public boolean isRunning() {
            return result == null;
        }

        public boolean isFailed() {
            return failed;
        }

        public String getResult() {
            return result;
        }
    }

    @RequirePOST
    public HttpResponse doProceed(@QueryParameter String service) throws Exception {
        Authentication approver = requireApprover(service);
        return answer(service, ApprovalDecision.granted(approver.getName()));
    }

    @RequirePOST
    public HttpResponse doAbort(@QueryParameter String service, @QueryParameter String comment) throws Exception {
        Authentication approver = requireApprover(service);
        return answer(service, ApprovalDecision.rejected(approver.getName(), comment));
    }

    /** The submitter rules of the input step; refuses with 403 naming who may approve. */
    private Authentication requireApprover(String service) {
        PendingApproval pending = approval(service);
        if (pending == null) {
            throw HttpResponses.notFound();
        }
        Authentication who = Jenkins.getAuthentication2();
        if (!pending.mayApprove(who, run.getParent())) {
            throw new AccessDeniedException(Messages.BlueGreenAction_NotApprover(who.getName(),
                    pending.getSubmitter() == null ? "Job/Build" : pending.getSubmitter()));
        }
        return who;
    }

    private HttpResponse answer(String service, ApprovalDecision decision) throws Exception {
        boolean decided;
        try {
            decided = SwitchStep.decide(run, service, decision);
        } catch (TimeoutException e) {
            throw new Failure(Messages.BlueGreenAction_StillLoading(service));
        }
        if (!decided) {
            throw new Failure(Messages.BlueGreenAction_NotWaiting(service));
        }
        return HttpResponses.redirectToDot();
    }

    private ServiceRecord existing(String service) {
        ServiceRecord record = lookup(service);
        if (record == null) {
            throw HttpResponses.notFound();
        }
        return record;
    }
}
