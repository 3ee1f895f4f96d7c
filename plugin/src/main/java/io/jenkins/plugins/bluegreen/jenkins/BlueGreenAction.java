package io.jenkins.plugins.bluegreen.jenkins;

import hudson.AbortException;
import hudson.model.Api;
import hudson.model.Failure;
import hudson.model.Run;
import io.jenkins.plugins.bluegreen.approval.ApprovalDecision;
import io.jenkins.plugins.bluegreen.release.Results.TrafficMoved;
import io.jenkins.plugins.bluegreen.store.StateStoreException;
import io.jenkins.plugins.bluegreen.view.ServiceView;
import io.jenkins.plugins.bluegreen.view.SwitchReportPage;
import io.jenkins.plugins.bluegreen.watch.SwitchReport;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
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

    protected Object readResolve() {
        services = services == null ? new ArrayList<>() : services;
        approvals = approvals == null ? new ArrayList<>() : approvals;
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
    String rollBack(Release release, boolean drill, String reason) throws Exception {
        TrafficMoved moved = Release.call(() -> drill ? release.engine.drill(release.definition, release.actor)
                : release.engine.rollback(release.definition, release.actor, reason));
        if (moved.report() != null) {
            record(release.definition.name()).setLastSwitch(moved.report());
        }
        release.recordDrift();
        return moved.state().live().label();
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
        } catch (StateStoreException e) {
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

    /** The rollback and drill buttons. */
    @RequirePOST
    public HttpResponse doRollback(@QueryParameter String service, @QueryParameter String reason, @QueryParameter boolean drill)
            throws Exception {
        run.getParent().checkPermission(BlueGreenPermissions.ROLLBACK);
        ServiceRecord record = existing(service);
        String actor = Jenkins.getAuthentication2().getName();
        try {
            Release release = Release.of(run, LOGGER::info, service, record.getInlineTarget(), null, actor);
            rollBack(release, drill, reason == null || reason.isBlank() ? Messages.BlueGreenAction_ButtonReason() : reason.trim());
        } catch (AbortException e) {
            throw new Failure(e.getMessage());
        }
        return HttpResponses.redirectToDot();
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
        if (!SwitchStep.decide(run, service, decision)) {
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
