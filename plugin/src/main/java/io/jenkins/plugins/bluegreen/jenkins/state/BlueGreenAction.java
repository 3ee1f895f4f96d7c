package io.jenkins.plugins.bluegreen.jenkins.state;

import hudson.AbortException;
import hudson.model.Api;
import hudson.model.Item;
import hudson.model.Run;
import hudson.security.ACL;
import hudson.security.ACLContext;
import hudson.util.DaemonThreadFactory;
import hudson.util.NamingThreadFactory;
import io.jenkins.plugins.bluegreen.approval.ApprovalDecision;
import io.jenkins.plugins.bluegreen.jenkins.approval.AwaitingApproval;
import io.jenkins.plugins.bluegreen.jenkins.approval.PendingApproval;
import io.jenkins.plugins.bluegreen.jenkins.BlueGreenPermissions;
import io.jenkins.plugins.bluegreen.jenkins.support.JenkinsFacade;
import io.jenkins.plugins.bluegreen.model.BadInputException;
import io.jenkins.plugins.bluegreen.model.ServiceState;
import io.jenkins.plugins.bluegreen.release.Results.Status;
import io.jenkins.plugins.bluegreen.release.Results.TrafficMoved;
import io.jenkins.plugins.bluegreen.store.StateStoreException;
import io.jenkins.plugins.bluegreen.view.ServiceView;
import io.jenkins.plugins.bluegreen.view.SwitchReportPage;
import io.jenkins.plugins.bluegreen.view.Times;
import io.jenkins.plugins.bluegreen.watch.SwitchReport;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
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
import org.kohsuke.stapler.Stapler;
import org.kohsuke.stapler.StaplerRequest2;
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

    public static final String URL_NAME = "bluegreen";
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
    public static BlueGreenAction of(Run<?, ?> run) {
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
    public synchronized ServiceRecord record(String service) {
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

    public synchronized PendingApproval approval(String service) {
        return approvals.stream().filter(a -> a.getService().equals(service)).findFirst().orElse(null);
    }

    public synchronized void putApproval(PendingApproval approval) {
        removeApproval(approval.getService());
        approvals.add(approval);
    }

    public synchronized void removeApproval(String service) {
        approvals.removeIf(a -> a.getService().equals(service));
    }

    /** Rolls back (or drills) and records the switch window; shared by the step and the button. */
    public TrafficMoved rollBack(Release release, boolean drill, String reason) throws Exception {
        TrafficMoved moved = Release.call(() -> drill ? release.engine.drill(release.definition, release.actor)
                : release.engine.rollback(release.definition, release.actor, reason));
        if (moved.report() != null) {
            record(release.definition.name()).setLastSwitch(moved.report(), null);
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

    /** {@code shop: Live GREEN (1.4.2)} as this build left it, or {@code Blue/Green (2 services)}. */
    @Override
    public String getDisplayName() {
        List<ServiceRecord> touched = getServices();
        if (touched.size() != 1) {
            return Messages.BlueGreenAction_Services(touched.size());
        }
        ServiceView only = touched.get(0).getView();
        return only.drifted() ? Messages.BlueGreenAction_Drifted(only.headline()) : only.headline();
    }

    @Override
    public String getUrlName() {
        return URL_NAME;
    }

    public Api getApi() {
        return new Api(this);
    }

    /**
     * The service as it is now (it may have changed since this build), with what this build saw of the router: the
     * job page's box, and the button labels where the router has not been read.
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

    /** The router of {@code record}'s service, read now (or a few seconds ago), or why it could not be. */
    public RouterReads.Reading routerReading(ServiceRecord record) {
        Authentication viewer = Jenkins.getAuthentication2();
        return RouterReads.of(record.getService(), () -> {
            try (ACLContext ignored = ACL.as2(viewer)) {
                Release release = Release.of(run, LOGGER::fine, record.getService(), record.getInlineTarget(), null, viewer.getName());
                return Release.call(() -> release.engine.status(release.definition));
            }
        });
    }

    /**
     * The service as it is now, with the router as just read: the page's state, drift and buttons. Without a read
     * (a slow or unreachable router) the buttons follow the record, and the engine's own checks stand behind them.
     */
    public ServiceView liveView(ServiceRecord record, RouterReads.Reading reading) {
        Status status = reading.status();
        if (status == null) {
            return currentView(record);
        }
        ServiceState state = status.state();
        return ServiceView.of(state, status.observed(), status.drift(), status.standby());
    }

    /**
     * A banner for a page of an older state: what the service is now and which build recorded it; {@code null} when
     * this build holds the newest state.
     *
     * @param text e.g. {@code State has moved on: now Live GREEN (1.4.2), recorded by shop-rollback #1}
     * @param url the Blue/Green page of the build holding the newest state, relative to the root; {@code null} when
     *     the viewer may not see that job
     */
    public record MovedOn(String text, String url) {}

    public MovedOn movedOn(ServiceRecord record) {
        StateIndex.Pointer newest = StateIndex.get().pointer(record.getService());
        if (newest == null || newest.isOf(run)) {
            return null;
        }
        boolean visible = JenkinsFacade.get().mayRead(newest.job);
        Run<?, ?> holder = visible ? BuildActionStateStore.holder(newest) : null;
        ServiceState current;
        try {
            current = new BuildActionStateStore(run).load(record.getService());
        } catch (StateStoreException e) {
            return new MovedOn(e.getMessage(), null);
        }
        String text = ServiceView.movedOn(record.getState(), current, visible ? newest.toString() : Messages.BlueGreenAction_HiddenJob());
        return text.isEmpty() ? null : new MovedOn(text, holder == null ? null : holder.getUrl() + URL_NAME + "/");
    }

    /**
     * A time as the page shows it: relative; {@code time.jelly} adds the exact time in the viewer's zone as a tooltip.
     * One method for every kind of time the views hold (Jelly cannot choose between overloads for a {@code null}).
     *
     * @param at an ISO-8601 text, a {@link Date}, an {@link Instant}, or {@code null}
     */
    public Times time(Object at) {
        Instant instant = at instanceof Date date ? date.toInstant() : at instanceof Instant exact ? exact : null;
        return at instanceof String iso ? Times.ofIso(iso, Instant.now()) : Times.of(instant, Instant.now());
    }

    /** The switch window of a service as an SVG image (the engine draws it; it has no script). */
    public void doTimeline(@QueryParameter String service, StaplerResponse2 rsp) throws IOException {
        ServiceRecord record = existing(service);
        SwitchReport report = record.getLastSwitch();
        if (report == null) {
            rsp.sendError(HttpServletResponse.SC_NOT_FOUND);
            return;
        }
        rsp.setContentType("image/svg+xml;charset=UTF-8");
        // Engine-written markup (no script, all text escaped), served under a deny-all policy in case it is opened directly.
        rsp.setHeader("Content-Security-Policy", "default-src 'none'");
        rsp.getWriter().write(SwitchReportPage.timeline(report, record.getState()));
    }

    /**
     * The engine's switch report (figures, the timeline, failed probes, the session drain if any, recent events)
     * inside Jenkins' layout.
     */
    public void doReport(@QueryParameter String service, StaplerRequest2 req, StaplerResponse2 rsp) throws IOException, ServletException {
        ServiceRecord record = existing(service);
        SwitchReport report = record.getLastSwitch();
        if (report == null) {
            rsp.sendError(HttpServletResponse.SC_NOT_FOUND);
            return;
        }
        req.setAttribute("report", SwitchReportPage.view(report, record.getState(), record.getLastDrain()));
        req.setAttribute("service", record.getService());
        req.getView(this, "report.jelly").forward(req, rsp);
    }

    public boolean mayRollBack() {
        return run.getParent().hasPermission(BlueGreenPermissions.ROLLBACK);
    }

    /** Whether the viewer may answer {@code approval}; others see who may, and no buttons. */
    public boolean mayApprove(PendingApproval approval) {
        return approval.mayApprove(Jenkins.getAuthentication2(), run.getParent());
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
        String why = reason == null || reason.isBlank() ? Messages.BlueGreenAction_ButtonReason() : reason.trim();
        return startTask(record, drill ? Messages.BlueGreenAction_Drill() : Messages.BlueGreenAction_Rollback(),
                release -> rollBack(release, drill, why));
    }

    /**
     * Makes the record follow the router (after a hand-made change, a crash or an unknown outcome); the engine
     * records who did it as a RECONCILED event. Moves no traffic, but changes what the next rollback does.
     */
    @RequirePOST
    public synchronized HttpResponse doReconcile(@QueryParameter String service) {
        run.getParent().checkPermission(BlueGreenPermissions.ROLLBACK);
        ServiceRecord record = existing(service);
        return startTask(record, Messages.BlueGreenAction_Reconcile(), release -> {
            Release.call(() -> release.engine.reconcile(release.definition, release.actor));
            release.recordDrift();
        });
    }

    /** "Check router now": the next view reads the router again instead of showing the last read. */
    @RequirePOST
    public HttpResponse doCheckRouter(@QueryParameter String service) {
        run.getParent().checkPermission(Item.READ);
        RouterReads.forget(existing(service).getService());
        return HttpResponses.redirectToDot();
    }

    private interface ButtonWork {
        void run(Release release) throws Exception;
    }

    /** Starts a button's work in the background, or refuses on the page (busy); the page shows it running, then its result. */
    private HttpResponse startTask(ServiceRecord record, String what, ButtonWork work) {
        String service = record.getService();
        ButtonTask previous = buttonTask(service);
        if (previous != null && previous.isRunning()) {
            return refuse(Messages.BlueGreenAction_ButtonBusy(service, previous.getActor()));
        }
        Authentication who = Jenkins.getAuthentication2();
        ButtonTask task = new ButtonTask(who.getName(), what);
        try {
            task.future = BUTTONS.submit(() -> press(task, who, record, work));
        } catch (RejectedExecutionException e) {
            return refuse(Messages.BlueGreenAction_ButtonsBusy());
        }
        buttonTasks.put(service, task);
        return HttpResponses.redirectToDot();
    }

    private void press(ButtonTask task, Authentication who, ServiceRecord record, ButtonWork work) {
        try (ACLContext ignored = ACL.as2(who)) {
            Release release = Release.of(run, LOGGER::info, record.getService(), record.getInlineTarget(), null, who.getName());
            work.run(release);
            task.done(currentView(record).liveLabel(), false);
        } catch (AbortException e) {
            task.done(e.getMessage(), true);
        } catch (Exception | Error e) {
            LOGGER.log(Level.WARNING, task.getWhat() + " of " + record.getService() + " failed", e);
            task.done(String.valueOf(e), true); // never left "running", which would block the buttons until a restart
        } finally {
            RouterReads.forget(record.getService());
        }
    }

    /** The last button pressed on this page for {@code service} (or the answered approval), or {@code null}. */
    public ButtonTask buttonTask(String service) {
        return buttonTasks.get(service);
    }

    /** The switch answered on this page has ended: the page shows its result instead of "in progress". */
    public void switchDone(String service, String result, boolean failed) {
        ButtonTask task = buttonTasks.get(service);
        if (task != null && task.isRunning()) {
            task.done(result, failed);
        }
        RouterReads.forget(service);
    }

    /**
     * Work started from this page: a rollback, drill or reconcile, or an answered approval's switch. Who started it,
     * whether it is still running, and its result (the live label) or refusal. Kept in memory only; the service's
     * events record the outcome for good.
     */
    public static final class ButtonTask {
        private final String actor;
        private final String what;
        private final long startedMillis = System.currentTimeMillis();
        private volatile String result;
        private volatile boolean failed;
        private volatile Future<?> future;

        ButtonTask(String actor, String what) {
            this.actor = actor;
            this.what = what;
        }

        /** The background work, for tests that wait for it; {@code null} for a switch, which runs in its step. */
        public Future<?> future() {
            return future;
        }

        void done(String result, boolean failed) {
            this.failed = failed;
            this.result = result;
        }

        public String getActor() {
            return actor;
        }

        /** e.g. {@code Rollback}, {@code Rollback drill}, {@code Reconcile with router}, {@code Switch approved}. */
        public String getWhat() {
            return what;
        }

        public Date getStarted() {
            return new Date(startedMillis);
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
        PendingApproval pending = approval(service);
        if (pending == null) {
            return refuse(Messages.BlueGreenAction_NotWaiting(service)); // e.g. answered a moment ago, or a second click
        }
        Authentication approver = requireApprover(pending);
        return answer(service, ApprovalDecision.granted(approver.getName()), Messages.BlueGreenAction_Proceeded());
    }

    @RequirePOST
    public HttpResponse doAbort(@QueryParameter String service, @QueryParameter String comment) throws Exception {
        PendingApproval pending = approval(service);
        if (pending == null) {
            return refuse(Messages.BlueGreenAction_NotWaiting(service));
        }
        Authentication approver = requireApprover(pending);
        return answer(service, ApprovalDecision.rejected(approver.getName(), comment), Messages.BlueGreenAction_Aborted());
    }

    /** The submitter rules of the input step; refuses with 403 naming who may approve. */
    private Authentication requireApprover(PendingApproval pending) {
        Authentication who = Jenkins.getAuthentication2();
        if (!pending.mayApprove(who, run.getParent())) {
            throw new AccessDeniedException(Messages.BlueGreenAction_NotApprover(who.getName(), pending.getApprovers()));
        }
        return who;
    }

    /**
     * Hands the answer to the waiting step; the page comes back without the question, showing the switch in progress
     * (then its outcome), or the refusal.
     */
    private HttpResponse answer(String service, ApprovalDecision decision, String what) throws Exception {
        ButtonTask task = new ButtonTask(decision.by(), what);
        ButtonTask previous = buttonTasks.put(service, task);
        boolean decided;
        try {
            decided = AwaitingApproval.answer(run, service, decision);
        } catch (TimeoutException e) {
            restore(service, task, previous);
            return refuse(Messages.BlueGreenAction_StillLoading(service));
        }
        if (!decided) {
            restore(service, task, previous);
            return refuse(Messages.BlueGreenAction_NotWaiting(service));
        }
        removeApproval(service);
        return HttpResponses.redirectToDot();
    }

    private void restore(String service, ButtonTask task, ButtonTask previous) {
        if (previous == null) {
            buttonTasks.remove(service, task);
        } else {
            buttonTasks.replace(service, task, previous);
        }
    }

    /** A refusal, shown once at the top of this page in its own style (not as an error page). */
    private HttpResponse refuse(String message) {
        StaplerRequest2 request = Stapler.getCurrentRequest2();
        if (request != null) {
            request.getSession(true).setAttribute(noticeKey(), message);
        }
        return HttpResponses.redirectToDot();
    }

    /** The refusal to show on this page, once; {@code null} when there is none. */
    public String takeNotice() {
        StaplerRequest2 request = Stapler.getCurrentRequest2();
        HttpSession session = request == null ? null : request.getSession(false);
        if (session == null) {
            return null;
        }
        Object notice = session.getAttribute(noticeKey());
        session.removeAttribute(noticeKey());
        return notice == null ? null : notice.toString();
    }

    private String noticeKey() {
        return BlueGreenAction.class.getName() + ".notice:" + run.getExternalizableId();
    }

    private ServiceRecord existing(String service) {
        ServiceRecord record = lookup(service);
        if (record == null) {
            throw HttpResponses.notFound();
        }
        return record;
    }
}
