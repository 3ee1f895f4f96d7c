package io.jenkins.plugins.bluegreen.release;

import io.jenkins.plugins.bluegreen.approval.ApprovalGate;
import io.jenkins.plugins.bluegreen.approval.ApprovalPolicy;
import io.jenkins.plugins.bluegreen.approval.ApprovalRequest;
import io.jenkins.plugins.bluegreen.driver.PublicNameResolver;
import io.jenkins.plugins.bluegreen.model.Color;
import io.jenkins.plugins.bluegreen.model.ServiceState;
import io.jenkins.plugins.bluegreen.release.Results.DeployTarget;
import io.jenkins.plugins.bluegreen.release.Results.Deployed;
import io.jenkins.plugins.bluegreen.release.Results.Drilled;
import io.jenkins.plugins.bluegreen.release.Results.Prepared;
import io.jenkins.plugins.bluegreen.release.Results.RolledBack;
import io.jenkins.plugins.bluegreen.release.Results.Status;
import io.jenkins.plugins.bluegreen.release.Results.Switched;
import io.jenkins.plugins.bluegreen.release.Results.Verified;
import io.jenkins.plugins.bluegreen.store.InMemoryStateStore;
import io.jenkins.plugins.bluegreen.store.StateStore;
import io.jenkins.plugins.bluegreen.verify.Check;
import io.jenkins.plugins.bluegreen.verify.VerifyTarget;
import io.jenkins.plugins.bluegreen.watch.HttpProbe;
import io.jenkins.plugins.bluegreen.watch.Probe;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import okhttp3.ConnectionPool;
import okhttp3.OkHttpClient;

/**
 * The release operations the Pipeline steps and the CLI call: deploy, verify, switch (approve, compare-and-swap,
 * switch, read back, watch, record), rollback, drill, retire, status and reconcile.
 *
 * <p>The one rule above all: the recorded state never claims a colour the router does not serve. State is saved
 * only after the router has been read back, and every failure leaves an event saying what is known.
 *
 * <p>This class is the one door in; each group of operations lives in a class of its own in this package
 * ({@link Deployment}, {@link Verification}, {@link TrafficSwitch}, {@link StandbyOperations}, {@link Reconciliation},
 * {@link TtlChoreography}), all sharing one {@link ReleaseContext}.
 */
public final class BlueGreenEngine {

    private final ReleaseContext context;
    private final Deployment deployment;
    private final Verification verification;
    private final TrafficSwitch switching;
    private final StandbyOperations standby;
    private final Reconciliation reconciliation;
    private final TtlChoreography ttl;

    public BlueGreenEngine(StateStore store, OkHttpClient http, Clock clock, ReleaseLog log) {
        this(new ReleaseContext(store, http, clock, log, def -> publicUrlProbe(http, def), false));
    }

    /**
     * The probe of a service's public URL. When users find the service by a name the router publishes (DNS), every
     * probe resolves it through the driver's resolver and opens a new connection to what it gets, as a new visitor
     * would: a pooled connection would stay on the old address and hide how the caches move.
     */
    public static Probe publicUrlProbe(OkHttpClient http, ServiceDefinition def) {
        if (!(def.driver() instanceof PublicNameResolver names)) {
            return new HttpProbe(http, def.publicUrl(), def.marker());
        }
        OkHttpClient resolving = http.newBuilder().dns(names.watchDns())
                .connectionPool(new ConnectionPool(0, 1, TimeUnit.SECONDS)).build();
        return new HttpProbe(resolving, def.publicUrl(), def.marker());
    }

    private BlueGreenEngine(ReleaseContext context) {
        this.context = context;
        RouterReads router = new RouterReads(context);
        ConfirmedSwitch confirming = new ConfirmedSwitch(context, router);
        this.ttl = new TtlChoreography(context);
        this.reconciliation = new Reconciliation(context, router);
        this.deployment = new Deployment(context, reconciliation);
        this.verification = new Verification(context);
        this.switching = new TrafficSwitch(context, router, confirming, ttl, new SessionDrainer(context, router));
        this.standby = new StandbyOperations(context, router, confirming, ttl);
    }

    /** The same engine with another way to probe the public URL (tests that have no HTTP server). */
    public BlueGreenEngine withProbes(Function<ServiceDefinition, Probe> probeFactory) {
        return new BlueGreenEngine(new ReleaseContext(context.store(), context.http(), context.clock(), context.log(),
                probeFactory, context.planning()));
    }

    /**
     * An engine that only says what it would do: it reads the recorded state but calls no router, runs no check or
     * deploy body, and saves nothing. Its log and {@code plan} list every step.
     */
    public BlueGreenEngine dryRun(Plan collector, String service) {
        InMemoryStateStore scratch = new InMemoryStateStore();
        ServiceState current = context.store().load(service);
        if (current.revision() > 0) {
            scratch.save(current.withRevision(0));
        }
        ReleaseLog planLog = line -> {
            collector.add(line);
            context.log().info("[plan] " + line);
        };
        return new BlueGreenEngine(new ReleaseContext(scratch, context.http(), context.clock(), planLog, context.probes(), true));
    }

    // ---------------------------------------------------------------- deploy

    /**
     * Marks the idle colour DEPLOYING and says where to deploy. The caller deploys, then calls finish or fail.
     *
     * <p>With no live colour recorded, the router decides which colour is idle: a service that was running before
     * the tool took over is adopted first (see {@link #adopt}), so its first deployment goes next to live traffic,
     * never onto it.
     */
    public DeployTarget beginDeploy(ServiceDefinition def, String version, String actor) {
        return deployment.begin(def, version, actor);
    }

    /**
     * Takes over a service that was running before anything was recorded, reading the router: the colour it serves
     * becomes the recorded live colour, running {@code version} when the caller knows it. {@code vouched} is the
     * colour the caller says users get; it is needed only when the router cannot be read, and is refused when the
     * router says otherwise. A service already recorded as live is left as it is when the router agrees.
     */
    public ServiceState adopt(ServiceDefinition def, Color vouched, String version, String actor) {
        return reconciliation.adopt(def, vouched, version, actor);
    }

    public ServiceState finishDeploy(ServiceDefinition def, Color color, String actor) {
        return deployment.finish(def, color, actor);
    }

    public ServiceState failDeploy(ServiceDefinition def, Color color, String actor, String error) {
        return deployment.fail(def, color, actor, error);
    }

    /** The caller's deployment, given where to deploy. */
    @FunctionalInterface
    public interface DeployBody {
        void deploy(DeployTarget target) throws Exception;
    }

    /**
     * Deploys {@code version} to the idle colour by running {@code body}, or, without one, by the driver's own
     * provisioning. A failing body marks the colour FAILED and is rethrown as a {@link DeployFailedException}.
     */
    public Deployed deploy(ServiceDefinition def, String version, String actor, DeployBody body) {
        return deployment.deploy(def, version, actor, body);
    }

    // ---------------------------------------------------------------- verify

    /**
     * Runs the checks against the chosen colours and, when the service has a fingerprint, compares the idle colour's
     * configuration with the live one's.
     */
    public Verified verify(ServiceDefinition def, List<Check> checks, VerifyTarget which, String actor) {
        return verification.verify(def, checks, which, actor);
    }

    // ---------------------------------------------------------------- switch

    /**
     * Switch options.
     *
     * @param policy the approval policy; {@code null} switches without asking
     * @param force switch to a colour that is not VERIFIED, or (a router with cached answers) before answers cached
     *        with the old TTL have expired; recorded as forced
     * @param prepare a router with cached answers: lower the TTL and wait the old one out first (see {@link #prepare})
     */
    public record SwitchOptions(String actor, ApprovalGate gate, ApprovalPolicy policy, boolean force, boolean prepare) {
        public SwitchOptions(String actor, ApprovalGate gate, ApprovalPolicy policy, boolean force) {
            this(actor, gate, policy, force, false);
        }

        public static SwitchOptions unattended(String actor) {
            return new SwitchOptions(actor, null, null, false);
        }
    }

    /**
     * What an approver would be shown now for the next switch of this service. Refuses, as the switch would, when
     * the idle colour may not go live, so nobody is asked to approve a switch that cannot happen.
     */
    public ApprovalRequest approvalRequest(ServiceDefinition def, String message, boolean force) {
        return switching.approvalRequest(def, message, force);
    }

    public Switched switchTraffic(ServiceDefinition def, SwitchOptions options) {
        return switching.switchTraffic(def, options);
    }

    /**
     * Prepares a switch of a router whose answers are cached (DNS): lowers the answer's TTL to the driver's
     * {@code switchTtl} on every server and records the TTL it had. Once answers cached with that old TTL have
     * expired, a switch reaches every client within {@code switchTtl}, and so does a rollback. With {@code wait}, waits
     * until then, outside the lease (a rollback of the live release must not wait behind it), and records the wait.
     * Running it again is harmless: a lowered TTL is not lowered twice.
     */
    public Prepared prepare(ServiceDefinition def, String actor, boolean wait) {
        return ttl.prepare(def, actor, wait);
    }

    // ---------------------------------------------------------------- rollback, drill, retire

    /**
     * Moves traffic back to the standby colour and watches the public URL for the service's watch window, as a switch
     * does. Failed probes in the window end it early and are reported, but never switch back by themselves: the way
     * back leads to the colour someone just rolled back from.
     */
    public RolledBack rollback(ServiceDefinition def, String actor, String reason) {
        return standby.rollback(def, actor, reason);
    }

    /**
     * Rolls back and forward again, measuring both RTOs; leaves the service as it found it. Neither move runs the watch
     * window: each ends once traffic has settled on its target, because the way back puts users on the old version
     * on purpose, and they should stay there no longer than the measurement needs.
     */
    public Drilled drill(ServiceDefinition def, String actor) {
        return standby.drill(def, actor);
    }

    /** Ends the standby after the keep-old window; the driver scales it down if it can. */
    public ServiceState retire(ServiceDefinition def, String actor, boolean force) {
        return standby.retire(def, actor, force);
    }

    // ---------------------------------------------------------------- status

    /** The record, what the router serves, and whether they disagree. Never changes anything. */
    public Status status(ServiceDefinition def) {
        return reconciliation.status(def);
    }

    /** Makes the record agree with the router after a crash or an unknown outcome. */
    public ServiceState reconcile(ServiceDefinition def, String actor) {
        return reconciliation.reconcile(def, actor);
    }
}
