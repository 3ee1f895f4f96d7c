package io.jenkins.plugins.bluegreen.release;

import io.jenkins.plugins.bluegreen.approval.ApprovalDecision;
import io.jenkins.plugins.bluegreen.approval.ApprovalGate;
import io.jenkins.plugins.bluegreen.approval.ApprovalPolicy;
import io.jenkins.plugins.bluegreen.approval.ApprovalRequest;
import io.jenkins.plugins.bluegreen.driver.CachedAnswers;
import io.jenkins.plugins.bluegreen.driver.DriverException;
import io.jenkins.plugins.bluegreen.driver.OutcomeUnknownException;
import io.jenkins.plugins.bluegreen.driver.PreviewUrls;
import io.jenkins.plugins.bluegreen.driver.Provisioner;
import io.jenkins.plugins.bluegreen.driver.PublicNameResolver;
import io.jenkins.plugins.bluegreen.driver.Retirer;
import io.jenkins.plugins.bluegreen.driver.ServerAnswers;
import io.jenkins.plugins.bluegreen.driver.SessionDrain;
import io.jenkins.plugins.bluegreen.driver.SessionPolicy;
import io.jenkins.plugins.bluegreen.driver.ServerAnswers.ServerAnswer;
import io.jenkins.plugins.bluegreen.driver.TrafficDriver;
import io.jenkins.plugins.bluegreen.model.BadInputException;
import io.jenkins.plugins.bluegreen.model.Color;
import io.jenkins.plugins.bluegreen.model.Durations;
import io.jenkins.plugins.bluegreen.model.Environment;
import io.jenkins.plugins.bluegreen.model.EnvironmentStatus;
import io.jenkins.plugins.bluegreen.model.Event;
import io.jenkins.plugins.bluegreen.model.EventType;
import io.jenkins.plugins.bluegreen.model.IdleStandby;
import io.jenkins.plugins.bluegreen.model.LoweredTtl;
import io.jenkins.plugins.bluegreen.model.RefusedException;
import io.jenkins.plugins.bluegreen.model.RollbackDirection;
import io.jenkins.plugins.bluegreen.model.ServiceState;
import io.jenkins.plugins.bluegreen.model.StateMachine;
import io.jenkins.plugins.bluegreen.model.VerificationReport;
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
import io.jenkins.plugins.bluegreen.verify.CheckTarget;
import io.jenkins.plugins.bluegreen.verify.Verifier;
import io.jenkins.plugins.bluegreen.verify.VerifyTarget;
import io.jenkins.plugins.bluegreen.verify.drift.DriftCheck;
import io.jenkins.plugins.bluegreen.verify.drift.DriftPolicy;
import io.jenkins.plugins.bluegreen.verify.drift.FingerprintSettings;
import io.jenkins.plugins.bluegreen.watch.HttpProbe;
import io.jenkins.plugins.bluegreen.watch.Probe;
import io.jenkins.plugins.bluegreen.watch.SessionDrainReport;
import io.jenkins.plugins.bluegreen.watch.SessionDrainWatch;
import io.jenkins.plugins.bluegreen.watch.SwitchReport;
import io.jenkins.plugins.bluegreen.watch.SwitchWatch;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import okhttp3.ConnectionPool;
import okhttp3.OkHttpClient;

/**
 * The release operations the Pipeline steps and the CLI call: deploy, verify, switch (approve, compare-and-swap,
 * switch, read back, watch, record), rollback, drill, retire, status and reconcile.
 *
 * <p>The one rule above all: the recorded state never claims a colour the router does not serve. State is saved
 * only after the router has been read back, and every failure leaves an event saying what is known.
 */
public final class BlueGreenEngine {

    /** Consecutive probes on the target that count as 100% of traffic moved, for rollback RTO. */
    private static final int SETTLED_PROBES = 5;
    private static final Duration READ_BACK_POLL = Duration.ofMillis(5);
    /** How often a wait for cached answers to expire says how long is left. */
    private static final Duration WAIT_REPORT_INTERVAL = Duration.ofSeconds(30);

    private final StateStore store;
    private final OkHttpClient http;
    private final Clock clock;
    private final ReleaseLog log;
    private final Function<ServiceDefinition, Probe> probes;
    /** A dry run: nothing is called, run or saved; every step goes to the log, which collects the plan. */
    private final boolean planning;

    public BlueGreenEngine(StateStore store, OkHttpClient http, Clock clock, ReleaseLog log) {
        this(store, http, clock, log, def -> publicUrlProbe(http, def), false);
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

    private BlueGreenEngine(StateStore store, OkHttpClient http, Clock clock, ReleaseLog log,
            Function<ServiceDefinition, Probe> probes, boolean planning) {
        this.store = store;
        this.http = http;
        this.clock = clock;
        this.log = log;
        this.probes = probes;
        this.planning = planning;
    }

    /** The same engine with another way to probe the public URL (tests that have no HTTP server). */
    public BlueGreenEngine withProbes(Function<ServiceDefinition, Probe> probeFactory) {
        return new BlueGreenEngine(store, http, clock, log, probeFactory, planning);
    }

    /**
     * An engine that only says what it would do: it reads the recorded state but calls no router, runs no check or
     * deploy body, and saves nothing. Its log and {@code plan} list every step.
     */
    public BlueGreenEngine dryRun(Plan collector, String service) {
        InMemoryStateStore scratch = new InMemoryStateStore();
        ServiceState current = store.load(service);
        if (current.revision() > 0) {
            scratch.save(current.withRevision(0));
        }
        ReleaseLog planLog = line -> {
            collector.add(line);
            log.info("[plan] " + line);
        };
        return new BlueGreenEngine(scratch, http, clock, planLog, probes, true);
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
        return underLease(def, actor, () -> {
            ServiceState state = store.load(def.name());
            if (state.live() == null) {
                state = adoptWhatTheRouterServes(def, state, null, null, actor);
            }
            Color color = state.idle();
            List<String> urls = def.urls(color);
            ServiceState next = StateMachine.startDeploy(state, color, version, urls, actor, clock.instant());
            store.save(next);
            log.info(def.name() + ": deploying " + version + " to " + color.name()
                    + (urls.isEmpty() ? "" : " at " + urls.get(0)));
            return new DeployTarget(def.name(), color, version, urls.isEmpty() ? null : urls.get(0));
        });
    }

    /**
     * Takes over a service that was running before anything was recorded, reading the router: the colour it serves
     * becomes the recorded live colour, running {@code version} when the caller knows it. {@code vouched} is the
     * colour the caller says users get; it is needed only when the router cannot be read, and is refused when the
     * router says otherwise. A service already recorded as live is left as it is when the router agrees.
     */
    public ServiceState adopt(ServiceDefinition def, Color vouched, String version, String actor) {
        return underLease(def, actor, () -> {
            ServiceState state = store.load(def.name());
            if (state.live() != null && (vouched == null || vouched == state.live())) {
                compareAndSwap(def, state, actor);
                log.info(def.name() + ": " + state.liveEnvironment().describe() + " is already recorded as live; nothing to adopt");
                return state;
            }
            ServiceState adopted = adoptWhatTheRouterServes(def, state, vouched, version, actor);
            if (adopted.live() == null) {
                throw new RefusedException(def.name() + ": the " + def.driver().type() + " router serves no colour yet, so there"
                        + " is nothing to adopt; deploy, verify and switch as for a new service");
            }
            return adopted;
        });
    }

    /**
     * The record has no live colour. Adopts the colour the router serves, records nothing when the router positively
     * serves no colour (a new service), and refuses when it cannot tell, since a deployment to the wrong colour would
     * replace what users get.
     */
    private ServiceState adoptWhatTheRouterServes(ServiceDefinition def, ServiceState state, Color vouched, String version, String actor) {
        if (planning) {
            plan("read the " + def.driver().type() + " router; if it serves a colour, adopt that colour as live, so the"
                    + " deployment goes to the other");
            return state;
        }
        Optional<Color> served;
        try {
            served = observe(def);
        } catch (DriverException unreadable) {
            if (vouched == null) {
                throw new RefusedException(def.name() + ": nothing is recorded as live and the " + def.driver().type()
                        + " router cannot be read (" + unreadable.getMessage() + "), so which colour users get is unknown and a"
                        + " deployment could land on it; nothing was changed. Run 'reconcile' once the router answers, or say"
                        + " which colour users get now with 'deploy --adopt COLOUR'");
            }
            return store.save(StateMachine.adopted(state, vouched, version, actor, clock.instant(),
                    "vouched for by " + actor + "; the router could not be read (" + unreadable.getMessage() + ")"));
        }
        if (served.isPresent()) {
            if (vouched != null && vouched != served.get()) {
                throw new RefusedException(def.name() + ": the router serves " + served.get().name() + ", not "
                        + vouched.name() + "; nothing was changed. Adopt what the router serves (leave the colour out)");
            }
            ServiceState adopted = store.save(StateMachine.adopted(state, served.get(), version, actor, clock.instant(),
                    "the " + def.driver().type() + " router serves " + served.get().name()));
            log.info(def.name() + ": nothing was recorded as live, but the router serves " + served.get().name() + "; adopted "
                    + adopted.liveEnvironment().describe() + " as live, so " + adopted.idle().name() + " is the idle colour");
            return adopted;
        }
        if (def.driver().routesNoColour() && vouched == null) {
            return state;
        }
        throw new RefusedException(def.name() + ": nothing is recorded as live and the " + def.driver().type() + " router"
                + " does not serve a single colour (it serves both, or neither), so a deployment could land on live traffic;"
                + " nothing was changed. Point the router at the colour users should get, then deploy again: the"
                + " deployment goes to the other colour");
    }

    public ServiceState finishDeploy(ServiceDefinition def, Color color, String actor) {
        return underLease(def, actor, () -> {
            ServiceState saved = store.save(StateMachine.finishDeploy(store.load(def.name()), color, actor, clock.instant()));
            log.info(def.name() + ": " + saved.environment(color).describe() + " deployed");
            return saved;
        });
    }

    public ServiceState failDeploy(ServiceDefinition def, Color color, String actor, String error) {
        return underLease(def, actor, () -> {
            ServiceState saved = store.save(StateMachine.failDeploy(store.load(def.name()), color, actor, clock.instant(), error));
            log.info(def.name() + ": deployment to " + color.name() + " FAILED: " + error);
            return saved;
        });
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
        DeployBody work = body != null ? body : provisioningBody(def);
        DeployTarget target = beginDeploy(def, version, actor);
        try {
            if (planning) {
                plan(body != null ? "run the deploy command for " + target.color().name() + " with BG_COLOR="
                        + target.color().label() + " BG_URL=" + target.url() : "ask the " + def.driver().type()
                        + " driver to provision " + version + " on " + target.color().name());
            } else {
                work.deploy(target);
            }
        } catch (Exception e) {
            failDeploy(def, target.color(), actor, String.valueOf(e.getMessage()));
            throw new DeployFailedException(def.name() + ": deployment of " + version + " to " + target.color().name()
                    + " failed: " + e.getMessage() + "; the colour is marked FAILED and traffic was not touched", e);
        }
        return new Deployed(target, finishDeploy(def, target.color(), actor));
    }

    private static DeployBody provisioningBody(ServiceDefinition def) {
        if (!(def.driver() instanceof Provisioner provisioner)) {
            throw new BadInputException("body", "the " + def.driver().type() + " driver cannot deploy by itself; "
                    + "give a deploy command or block that deploys to the colour in BG_COLOR");
        }
        return target -> DriverCalls.run(def.driver().type(), "provision(" + target.color().label() + ")",
                def.driverTimeout().multipliedBy(30), () -> provisioner.provision(target.color(), target.version()));
    }

    // ---------------------------------------------------------------- verify

    /**
     * Runs the checks against the chosen colours and, when the service has a fingerprint, compares the idle colour's
     * configuration with the live one's (see {@link #compareConfigurations}).
     */
    public Verified verify(ServiceDefinition def, List<Check> checks, VerifyTarget which, String actor) {
        if (checks.isEmpty()) {
            throw new BadInputException("checks", "no checks given; add at least one http or warm-up check");
        }
        ServiceState state = store.load(def.name());
        List<CheckTarget> targets = new ArrayList<>();
        for (Color color : colours(state, which)) {
            CheckTarget target = checkTarget(def, state, color);
            if (target.baseUrl() == null) {
                throw new BadInputException("urls." + color.label(), "no URL is known for " + color.name()
                        + "; configure the environment's URL so it can be checked");
            }
            targets.add(target);
        }
        if (planning) {
            targets.forEach(t -> checks.forEach(c -> plan("run check '" + c.name() + "' against " + t.color().name() + " at " + t.baseUrl())));
            compareConfigurations(def, state, targets, List.of());
            return new Verified(List.of(), state);
        }
        List<VerificationReport> reports = compareConfigurations(def, state, targets, new Verifier(http, clock).run(checks, targets));
        return underLease(def, actor, () -> {
            ServiceState next = store.load(def.name());
            for (VerificationReport report : reports) {
                next = StateMachine.recordVerification(next, report, actor, clock.instant());
                log.info(def.name() + ": verification of " + report.color().name() + ": " + report.outcome());
                report.checks().forEach(c -> log.info("  " + c.outcome() + "  " + c.name() + ": " + c.detail()));
                if (report.configDrift() != null && report.configDrift().drifted()) {
                    next = next.record(new Event(EventType.DRIFT_FOUND, report.configDrift().idle(),
                            next.environment(report.configDrift().idle()).version(), actor, clock.instant(),
                            driftEventDetail(def, next, report)));
                }
            }
            return new Verified(reports, store.save(next));
        });
    }

    /** The colour, its version and its first URL ({@code null} when none is known). */
    private static CheckTarget checkTarget(ServiceDefinition def, ServiceState state, Color color) {
        Environment environment = state.environment(color);
        String url = environment.previewUrl() != null ? environment.previewUrl()
                : def.urls(color).isEmpty() ? null : def.urls(color).get(0);
        return new CheckTarget(def.name(), color, environment.version(), url);
    }

    /**
     * Reads both colours' configurations and compares them, adding the result to the report of the idle colour (or,
     * when only the live colour is verified, to the live one's). Needs a live colour to compare with; {@code drift:
     * ignore} reads nothing.
     */
    private List<VerificationReport> compareConfigurations(ServiceDefinition def, ServiceState state, List<CheckTarget> targets,
            List<VerificationReport> reports) {
        FingerprintSettings fingerprint = def.fingerprint();
        if (fingerprint == null) {
            return reports;
        }
        if (fingerprint.drift() == DriftPolicy.IGNORE || state.live() == null) {
            log.info(def.name() + ": configuration drift not compared: " + (state.live() == null ? "nothing is live yet"
                    : "drift: ignore"));
            return reports;
        }
        CheckTarget live = checkTarget(def, state, state.live());
        CheckTarget idle = checkTarget(def, state, state.idle());
        if (planning) {
            plan("read the configuration of " + idle.color().name() + " and of live " + live.color().name() + " ("
                    + fingerprint.describeSource() + ") and compare them; drift: " + fingerprint.drift().label());
            return reports;
        }
        DriftCheck.Result comparison = DriftCheck.run(fingerprint, live, idle, http);
        Color judged = targets.stream().anyMatch(t -> t.color() == idle.color()) ? idle.color() : live.color();
        return reports.stream().map(report -> report.color() == judged
                ? report.withConfigComparison(comparison.check(), comparison.drift()) : report).toList();
    }

    /** The audit trail's sentence: which keys differ, never their values. */
    private static String driftEventDetail(ServiceDefinition def, ServiceState state, VerificationReport report) {
        var drift = report.configDrift();
        return "configuration of " + state.environment(drift.idle()).describe() + " differs from live "
                + state.environment(drift.live()).describe() + " in " + drift.differences().size() + " of " + drift.keysCompared()
                + " keys: " + drift.keyNames() + " (drift: " + def.fingerprint().drift().label() + ")";
    }

    private static List<Color> colours(ServiceState state, VerifyTarget which) {
        if (which != VerifyTarget.IDLE && state.live() == null) {
            throw new RefusedException(state.service() + ": nothing is live yet, so target '" + which.name().toLowerCase()
                    + "' has nothing to check; use target 'idle' before the first switch");
        }
        return switch (which) {
            case IDLE -> List.of(state.idle());
            case LIVE -> List.of(state.live());
            case BOTH -> List.of(state.idle(), state.live());
        };
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
        ServiceState state = store.load(def.name());
        Color to = state.idle();
        StateMachine.checkSwitch(state, to, force, true);
        Optional<Color> observed = observeQuietly(def);
        Environment from = state.liveEnvironment();
        List<VerificationReport> reports = new ArrayList<>();
        for (Color color : Color.values()) {
            if (state.environment(color).lastReport() != null) {
                reports.add(state.environment(color).lastReport());
            }
        }
        return new ApprovalRequest(def.name(), state.live(), from == null ? null : from.version(), to,
                state.environment(to).version(), previewUrl(def, state.environment(to)), reports,
                drift(state, observed), message);
    }

    private static String previewUrl(ServiceDefinition def, Environment environment) {
        if (environment.previewUrl() != null || !(def.driver() instanceof PreviewUrls previews)) {
            return environment.previewUrl();
        }
        return previews.previewUrl(environment.color()).orElse(null);
    }

    public Switched switchTraffic(ServiceDefinition def, SwitchOptions options) {
        if (options.prepare() && def.driver() instanceof CachedAnswers) {
            ServiceState before = store.load(def.name());
            // Nobody waits out a TTL for a switch the rules refuse anyway.
            StateMachine.checkSwitch(before, before.idle(), options.force());
            prepare(def, options.actor(), true);
        }
        // A session drain outlives the lease: a rollback must be able to take the lease (and cancel the drain) at once.
        AtomicReference<SessionDrainWatch> draining = new AtomicReference<>();
        Switched switched;
        try {
            switched = underLease(def, options.actor(), () -> switchUnderLease(def, options, draining));
        } catch (RuntimeException e) {
            if (draining.get() != null) {
                draining.get().stop(SessionDrainReport.Ending.ABANDONED, e.getMessage());
            }
            throw e;
        }
        return draining.get() == null ? switched : finishDrain(def, switched, draining.get(), options.actor());
    }

    private Switched switchUnderLease(ServiceDefinition def, SwitchOptions options, AtomicReference<SessionDrainWatch> draining) {
        ServiceState state = store.load(def.name());
        Color to = state.idle();
        StateMachine.checkSwitch(state, to, options.force(), options.policy() != null);
        // Probing starts before the checks that precede the switch, so that the timeline shows the old colour
        // answering before the call; nothing waits for it. A switch that asks for approval starts it after the
        // answer instead of probing all through the wait.
        SwitchWatch watch = options.policy() == null ? startWatch(def, state.live(), to) : null;
        try {
            Optional<Color> served = requireHealthy(def);
            String forcedCaches = requireOldAnswersExpired(def, state, options.force());
            ApprovalDecision decision = null;
            if (options.policy() != null) {
                // Nobody is asked to approve a switch the drift check would refuse; it runs again after the answer.
                compareAndSwap(def, state, options.actor(), served);
                decision = approve(def, options);
                state = store.load(def.name());
                ServiceState accepted = decision.verdict() == ApprovalDecision.Verdict.GRANTED
                        ? StateMachine.acceptedAtApproval(state, to, decision.by(), clock.instant()) : state;
                if (accepted != state) {
                    state = store.save(accepted);
                    log.info(def.name() + ": " + state.events().get(state.events().size() - 1).detail());
                }
                // An INCONCLUSIVE colour that nobody approved (a timeout that proceeds) is refused before the router moves.
                StateMachine.checkSwitch(state, to, options.force());
                watch = startWatch(def, state.live(), to);
                served = observe(def);
            }
            compareAndSwap(def, state, options.actor(), served);
            log.info(def.name() + ": switching traffic " + describeLive(state) + " -> " + state.environment(to).describe());
            long started = System.nanoTime();
            switchAndConfirm(def, state, to, watch, options.actor(), def.sessions());
            // Re-read: the switch may have added events (an unknown outcome) since the state was loaded.
            boolean forcedUnverified = options.force() && !StateMachine.mayGoLive(state, to);
            state = store.save(StateMachine.switched(store.load(def.name()), to, forcedUnverified, options.actor(), clock.instant(),
                    "confirmed by read-back in " + elapsedMillis(started) + " ms" + (forcedCaches == null ? "" : "; " + forcedCaches)
                    + (def.sessions() == null ? "" : "; " + def.sessions().describe())));
            log.info(def.name() + ": router confirms " + to.name() + " is live" + (def.sessions() == null ? ""
                    : "; " + to.other().name() + " keeps the sessions pinned to it while they drain"));
            draining.set(startDrain(def, state, to, started));
            return watchWindow(def, state, to, watch, options.actor(), decision);
        } finally {
            if (watch != null) {
                watch.close();
            }
        }
    }

    // ---------------------------------------------------------------- session drain

    /**
     * Starts reading the old colour's traffic after a switch that kept pinned sessions there; {@code null} without a
     * session drain (or in a dry run, which only says what it would do).
     */
    private SessionDrainWatch startDrain(ServiceDefinition def, ServiceState switched, Color to, long switchNanos) {
        if (def.sessions() == null) {
            return null;
        }
        if (planning) {
            plan("drain: " + to.other().name() + " keeps the " + def.sessions().describe() + "; then it gets nothing");
            return null;
        }
        SessionDrain drain = (SessionDrain) def.driver();
        int switchEvents = switched.events().size();
        return SessionDrainWatch.start(def.name(), to.other(), def.sessions(),
                () -> driverCall(def, "oldColorTraffic(" + to.other().label() + ")", () -> drain.oldColorTraffic(to.other())),
                () -> switchStands(store.load(def.name()), to, switchEvents), switchNanos);
    }

    /**
     * Whether the switch to {@code to} (recorded as event number {@code switchEvents}) still stands: it is recorded as
     * live and nothing has moved traffic since. A rollback during a drain makes it false, which cancels the drain.
     */
    private static boolean switchStands(ServiceState state, Color to, int switchEvents) {
        return state.live() == to && state.events().size() >= switchEvents && state.events().stream().skip(switchEvents)
                .map(Event::type).noneMatch(TRAFFIC_MOVES::contains);
    }

    private static final Set<EventType> TRAFFIC_MOVES = EnumSet.of(EventType.SWITCHED, EventType.AUTO_ROLLED_BACK,
            EventType.ROLLED_BACK, EventType.DRILL, EventType.RECONCILED, EventType.ADOPTED);

    /**
     * Waits, outside the lease, until the drain is due (the period ended or the old colour was idle), then under the
     * lease, if the switch still stands, gives the old colour nothing more and records it. A rollback in the
     * meantime cancels the drain: whatever it set stays, and the old colour is never touched here again.
     */
    private Switched finishDrain(ServiceDefinition def, Switched switched, SessionDrainWatch drain, String actor) {
        Color old = switched.to().other();
        if (switched.autoRolledBack()) {
            return switched.withDrain(switched.state(), drain.stop(SessionDrainReport.Ending.ROLLED_BACK, "the watch window rolled back"));
        }
        SessionDrainReport.Ending due;
        try {
            due = drain.awaitDue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return switched.withDrain(store.load(def.name()), drain.stop(SessionDrainReport.Ending.ABANDONED, "interrupted"));
        }
        if (due == SessionDrainReport.Ending.ROLLED_BACK || due == SessionDrainReport.Ending.ABANDONED) {
            SessionDrainReport report = drain.stop(due, null);
            log.info(def.name() + ": " + report.summary());
            return switched.withDrain(store.load(def.name()), report);
        }
        int switchEvents = switched.state().events().size();
        try {
            return underLease(def, actor, () -> {
                ServiceState state = store.load(def.name());
                if (!switchStands(state, switched.to(), switchEvents)) {
                    SessionDrainReport report = drain.stop(SessionDrainReport.Ending.ROLLED_BACK, null);
                    log.info(def.name() + ": " + report.summary());
                    return switched.withDrain(state, report);
                }
                compareAndSwap(def, state, actor);
                drain.markEnding();
                driverRun(def, "endDrain(" + old.label() + ")", () -> ((SessionDrain) def.driver()).endDrain(old));
                SessionDrainReport report = drain.stop(due, null);
                ServiceState saved = record(def, EventType.SESSIONS_DRAINED, old, state.environment(old).version(), actor, report.summary());
                log.info(def.name() + ": " + report.summary());
                return switched.withDrain(saved, report);
            });
        } catch (RuntimeException e) {
            SessionDrainReport report = drain.stop(SessionDrainReport.Ending.ABANDONED, e.getMessage());
            log.info(def.name() + ": " + report.summary());
            throw e;
        }
    }

    private ApprovalDecision approve(ServiceDefinition def, SwitchOptions options) {
        ApprovalRequest request = approvalRequest(def, options.policy().message(), options.force());
        // A request made earlier (the plugin asks when its step starts) keeps its own time; the wait was logged then.
        Optional<Instant> askedEarlier = options.gate() == null ? Optional.empty() : options.gate().requestedAt();
        ServiceState before = store.load(def.name());
        store.save(before.record(new Event(EventType.APPROVAL_REQUESTED, request.to(), request.toVersion(), options.actor(),
                askedEarlier.orElseGet(clock::instant), request.summary())));
        if (askedEarlier.isEmpty()) {
            log.info(def.name() + ": waiting for approval: " + request.summary());
        }
        ApprovalDecision decision = planning ? ApprovalDecision.granted("dry-run")
                : options.gate().request(request, options.policy().timeout());
        switch (decision.verdict()) {
            case GRANTED -> record(def, EventType.APPROVAL_GRANTED, request.to(), request.toVersion(), decision.by(),
                    "approved by " + decision.by() + commentOf(decision));
            case REJECTED -> {
                record(def, EventType.APPROVAL_REJECTED, request.to(), request.toVersion(), decision.by(),
                        "rejected by " + decision.by() + commentOf(decision));
                throw new RefusedException(def.name() + ": the switch to " + request.to().name() + " was rejected by "
                        + decision.by() + commentOf(decision) + "; traffic was not touched");
            }
            case TIMED_OUT -> {
                boolean proceed = options.policy().onTimeout() == ApprovalPolicy.OnTimeout.PROCEED;
                record(def, EventType.APPROVAL_TIMED_OUT, request.to(), request.toVersion(), options.actor(),
                        "no answer within " + Durations.format(options.policy().timeout()) + (proceed ? "; proceeding as the policy says" : "; aborted"));
                if (!proceed) {
                    throw new RefusedException(def.name() + ": nobody approved the switch to " + request.to().name()
                            + " within " + Durations.format(options.policy().timeout()) + "; traffic was not touched. Run the switch again to ask again");
                }
            }
        }
        return decision;
    }

    private static String commentOf(ApprovalDecision decision) {
        return decision.comment() == null || decision.comment().isBlank() ? "" : " (" + decision.comment() + ")";
    }

    /**
     * Refuses when the router serves something other than the recorded live colour, recording the drift and who
     * ran into it. With nothing recorded as live, a router that serves a colour is drift too: switching would take
     * traffic from a colour the record knows nothing about.
     */
    private void compareAndSwap(ServiceDefinition def, ServiceState state, String actor) {
        compareAndSwap(def, state, actor, observe(def));
    }

    /** The same, with what the router was just seen serving. */
    private void compareAndSwap(ServiceDefinition def, ServiceState state, String actor, Optional<Color> observed) {
        String drift = drift(state, observed);
        if (drift != null) {
            drift = planning ? drift : withDisagreement(drift, serverAnswers(def));
            record(def, EventType.DRIFT_DETECTED, observed.orElse(null), null, actor, drift);
            throw new RefusedException(def.name() + ": " + drift + "; nothing was switched. Run 'status' and reconcile"
                    + " the record with the router before switching");
        }
    }

    /**
     * Calls the driver and reads back until the router serves {@code to}. On a refused call or a read-back mismatch,
     * records what is known and throws; the recorded live colour stays the one served. After an unknown outcome the
     * read-back settles it: a switch that landed goes on, a half-applied one is put back on the recorded colour.
     */
    private void switchAndConfirm(ServiceDefinition def, ServiceState state, Color to, SwitchWatch watch, String actor,
            SessionPolicy keepSessions) {
        TrafficDriver driver = def.driver();
        if (watch != null) {
            watch.markSwitch();
        }
        if (planning) {
            plan("call " + driver.type() + " driver " + (keepSessions == null ? "switchTo(" : "switchKeepingSessions(") + to.label() + ")");
            return;
        }
        OutcomeUnknownException unknown = null;
        try {
            if (keepSessions != null) {
                driverRun(def, "switchKeepingSessions(" + to.label() + ")", () -> ((SessionDrain) driver).switchKeepingSessions(to, keepSessions));
            } else if (driverCall(def, "switchTo(" + to.label() + ")", () -> switchAndReadOnce(driver, to))) {
                return;
            }
        } catch (OutcomeUnknownException e) {
            record(def, EventType.SWITCH_OUTCOME_UNKNOWN, to, null, actor, e.getMessage());
            log.info(e.getMessage() + "; reading the router back to settle it");
            unknown = e;
        } catch (DriverException e) {
            recordSwitchFailure(def, to, actor, e.getMessage());
            throw e;
        }
        Optional<Color> observed;
        try {
            observed = readBack(def, to);
        } catch (DriverException readBackFailed) {
            throw unknown != null ? unknown : readBackFailed;
        }
        if (observed.equals(Optional.of(to))) {
            return;
        }
        if (unknown != null && observed.isPresent()) {
            throw unknown;
        }
        if (observed.isEmpty() && driver instanceof ServerAnswers servers) {
            List<ServerAnswer> answers = driverCall(def, "serverAnswers()", servers::serverAnswers);
            if (answers.stream().anyMatch(answer -> answer.color() == to)) {
                throw notYetEverywhere(def, state, to, answers, actor);
            }
        }
        String seen = observed.map(Color::name).orElse("no single colour");
        String message = def.name() + ": the " + driver.type() + " router " + (unknown != null ? "lost the switch to " : "accepted the switch to ")
                + to.name() + " but reads back " + seen + " after " + Durations.format(def.confirmTimeout());
        if (state.live() != null && observed.isEmpty()) {
            // Half-applied: put the router back on the recorded colour so record and router agree again.
            driverRun(def, "switchTo(" + state.live().label() + ")", () -> driver.switchTo(state.live()));
            Optional<Color> restored = readBack(def, state.live());
            message += "; restored " + state.live().name() + " (router now reads back "
                    + restored.map(Color::name).orElse("no single colour") + ")";
        }
        recordSwitchFailure(def, to, actor, message);
        throw new DriverException(message + ". The record still says " + describeLive(state)
                + "; check the router's configuration and run 'status'", unknown);
    }

    /**
     * Switches and reads the router once, in the same driver call: a switch that reads back at once costs no second
     * hand-off to a driver thread. A failed or different reading is left to the read-back, which retries.
     */
    private static boolean switchAndReadOnce(TrafficDriver driver, Color to) {
        driver.switchTo(to);
        try {
            return driver.observeLive().equals(Optional.of(to));
        } catch (DriverException notYetReadable) {
            return false;
        }
    }

    /**
     * Some servers answer the new colour and some do not yet (a secondary that has not caught up): the switch was
     * applied and is spreading, so putting the old colour back would only race it. Its outcome is unknown until every
     * server agrees; the record stays as it was and {@code status} shows each server's answer.
     */
    private OutcomeUnknownException notYetEverywhere(ServiceDefinition def, ServiceState state, Color to, List<ServerAnswer> answers,
            String actor) {
        String message = def.name() + ": not every " + def.driver().type() + " server serves " + to.name() + " after "
                + def.confirmTimeout().toMillis() + " ms (" + describe(answers) + "); the outcome is unknown until they agree";
        record(def, EventType.SWITCH_OUTCOME_UNKNOWN, to, null, actor, message);
        log.info(message);
        return new OutcomeUnknownException(message + ". The record still says " + describeLive(state) + "; run 'status' to"
                + " see each server's answer, and 'reconcile' once they agree");
    }

    private static String describe(List<ServerAnswer> answers) {
        return answers.stream().map(ServerAnswer::describe).collect(Collectors.joining("; "));
    }

    private void recordSwitchFailure(ServiceDefinition def, Color to, String actor, String message) {
        record(def, EventType.SWITCH_FAILED, to, null, actor, message);
        log.info(message);
    }

    private Optional<Color> readBack(ServiceDefinition def, Color expected) {
        if (planning) {
            return Optional.of(expected);
        }
        long deadline = System.nanoTime() + def.confirmTimeout().toNanos();
        Optional<Color> observed = observe(def);
        while (!observed.equals(Optional.of(expected)) && System.nanoTime() < deadline) {
            sleep(READ_BACK_POLL);
            observed = observe(def);
        }
        return observed;
    }

    private Switched watchWindow(ServiceDefinition def, ServiceState state, Color to, SwitchWatch watch, String actor,
            ApprovalDecision decision) {
        if (watch == null) {
            return new Switched(state, to, decision, null, false);
        }
        long failures = watch.watch(def.watch().window(), def.watch().maxFailures());
        SwitchReport report = watch.stop();
        log.info(def.name() + ": " + report.summary());
        boolean canRollBack = state.environment(to.other()).status() == EnvironmentStatus.STANDBY;
        if (failures <= def.watch().maxFailures() || !def.watch().autoRollback() || !canRollBack) {
            return new Switched(state, to, decision, report, false);
        }
        String evidence = failures + " failed probes in the watch window (limit " + def.watch().maxFailures() + "): "
                + report.firstFailures(3);
        log.info(def.name() + ": " + evidence + "; switching back to " + to.other().name());
        driverRun(def, "switchTo(" + to.other().label() + ")", () -> def.driver().switchTo(to.other()));
        Optional<Color> observed = readBack(def, to.other());
        if (!observed.equals(Optional.of(to.other()))) {
            String message = def.name() + ": automatic rollback to " + to.other().name() + " did not take: the router reads back "
                    + observed.map(Color::name).orElse("no single colour");
            recordSwitchFailure(def, to.other(), actor, message);
            throw new DriverException(message + "; " + to.name() + " is still recorded as live. Roll back by hand");
        }
        ServiceState rolledBack = store.save(StateMachine.autoRolledBack(store.load(def.name()), to, actor, clock.instant(), evidence));
        return new Switched(rolledBack, to.other(), decision, report, true);
    }

    // ---------------------------------------------------------------- TTL choreography (routers with cached answers)

    /**
     * Prepares a switch of a router whose answers are cached (DNS): lowers the answer's TTL to the driver's
     * {@code switchTtl} on every server and records the TTL it had. Once answers cached with that old TTL have
     * expired, a switch reaches every client within {@code switchTtl}, and so does a rollback. With {@code wait}, waits
     * until then, outside the lease (a rollback of the live release must not wait behind it), and records the wait.
     * Running it again is harmless: a lowered TTL is not lowered twice.
     */
    public Prepared prepare(ServiceDefinition def, String actor, boolean wait) {
        if (!(def.driver() instanceof CachedAnswers cached)) {
            throw new BadInputException("driver", "the " + def.driver().type() + " driver has no cached answers, so there is"
                    + " no TTL to prepare; prepare is for the dns driver");
        }
        ServiceState state = underLease(def, actor, () -> lowerTtl(def, cached, actor));
        LoweredTtl lowered = state.loweredTtl();
        if (!wait || lowered == null || planning) {
            return new Prepared(state, lowered, 0);
        }
        Duration remaining = Duration.between(clock.instant(), lowered.oldAnswersExpireAt());
        if (remaining.isNegative() || remaining.isZero()) {
            return new Prepared(state, lowered, 0);
        }
        log.info(def.name() + ": waiting " + (remaining.toMillis() + 999) / 1000 + " s, until " + lowered.oldAnswersExpireAt() + ", for answers"
                + " cached with the old TTL of " + lowered.original().toSeconds() + " s to expire");
        long started = System.nanoTime();
        try {
            // Sleeps add up to at least the remaining time; the log says how much is left now and then, so a
            // console without a progress line (Jenkins) shows the wait moving.
            for (long left = remaining.toMillis(); left > 0; left -= WAIT_REPORT_INTERVAL.toMillis()) {
                TimeUnit.MILLISECONDS.sleep(Math.min(left, WAIT_REPORT_INTERVAL.toMillis()));
                if (left > WAIT_REPORT_INTERVAL.toMillis()) {
                    log.info(def.name() + ": " + (left - WAIT_REPORT_INTERVAL.toMillis() + 999) / 1000 + " s left until answers"
                            + " cached with the old TTL expire");
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RefusedException(def.name() + ": interrupted while waiting for cached answers to expire; the TTL stays"
                    + " lowered. Run prepare again to wait the rest");
        }
        long waited = elapsedMillis(started);
        ServiceState recorded = underLease(def, actor, () -> record(def, EventType.TTL_WAITED, null, null, actor, "waited "
                + waited / 1000 + " s until answers cached with the old TTL (" + lowered.original().toSeconds() + " s) expired"));
        log.info(def.name() + ": answers cached with the old TTL have expired; a switch now reaches every client within "
                + lowered.lowered().toSeconds() + " s");
        return new Prepared(recorded, lowered, waited);
    }

    private ServiceState lowerTtl(ServiceDefinition def, CachedAnswers cached, String actor) {
        ServiceState state = store.load(def.name());
        if (planning) {
            plan("lower the answer's TTL to " + cached.switchTtl().toSeconds() + " s on every " + def.driver().type() + " server");
            return state;
        }
        Duration served = driverCall(def, "servedTtl()", cached::servedTtl);
        LoweredTtl recorded = state.loweredTtl();
        if (served.compareTo(cached.switchTtl()) <= 0 && (recorded == null || recorded.confirmedAt() != null)) {
            log.info(def.name() + ": the answer's TTL is " + served.toSeconds() + " s, no more than switchTtl "
                    + cached.switchTtl().toSeconds() + " s; nothing to lower");
            return state;
        }
        Duration original = recorded != null ? recorded.original() : served;
        if (served.compareTo(cached.switchTtl()) > 0) {
            driverRun(def, "setTtl(" + cached.switchTtl().toSeconds() + " s)", () -> cached.setTtl(cached.switchTtl()));
        }
        boolean everywhere = awaitServedTtl(def, cached, cached.switchTtl());
        Instant now = clock.instant();
        String detail = "TTL lowered from " + original.toSeconds() + " s to " + cached.switchTtl().toSeconds() + " s";
        if (!everywhere) {
            String where = def.driver() instanceof ServerAnswers servers
                    ? " (" + describe(driverCall(def, "serverAnswers()", servers::serverAnswers)) + ")" : "";
            store.save(StateMachine.ttlLowered(state, new LoweredTtl(original, cached.switchTtl(), null), actor, now,
                    detail + " at the primary, but not every server serves it after " + def.confirmTimeout().toMillis() + " ms" + where));
            throw new OutcomeUnknownException(def.name() + ": " + detail + " at the primary, but not every server serves it after "
                    + def.confirmTimeout().toMillis() + " ms" + where + ". Run prepare again once the secondaries have caught up");
        }
        LoweredTtl lowered = new LoweredTtl(original, cached.switchTtl(), now);
        ServiceState saved = store.save(StateMachine.ttlLowered(state, lowered, actor, now, detail + " on every server; answers"
                + " cached before may live until " + lowered.oldAnswersExpireAt()));
        log.info(def.name() + ": " + detail + " on every server; a switch is safe from " + lowered.oldAnswersExpireAt());
        return saved;
    }

    /** Reads the served TTL until no server gives more than {@code ttl}, within the confirm timeout. */
    private boolean awaitServedTtl(ServiceDefinition def, CachedAnswers cached, Duration ttl) {
        long deadline = System.nanoTime() + def.confirmTimeout().toNanos();
        while (driverCall(def, "servedTtl()", cached::servedTtl).compareTo(ttl) > 0) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            sleep(READ_BACK_POLL);
        }
        return true;
    }

    /**
     * Refuses a switch of a router with cached answers that would not reach every client within its switch TTL: the
     * TTL was never lowered, its lowering is not confirmed everywhere, or answers cached with the old TTL may still
     * live. Forced, it goes on and says what was forced, for the record.
     */
    private String requireOldAnswersExpired(ServiceDefinition def, ServiceState state, boolean force) {
        if (!(def.driver() instanceof CachedAnswers cached)) {
            return null;
        }
        if (planning) {
            plan("check that answers cached with the old TTL have expired (the TTL is at most "
                    + cached.switchTtl().toSeconds() + " s and was lowered long enough ago)");
            return null;
        }
        Duration served = driverCall(def, "servedTtl()", cached::servedTtl);
        LoweredTtl lowered = state.loweredTtl();
        String problem;
        String fix;
        if (served.compareTo(cached.switchTtl()) > 0) {
            problem = "the answer's TTL is " + served.toSeconds() + " s, above switchTtl " + cached.switchTtl().toSeconds()
                    + " s, so resolvers would keep the old answer up to " + served.toSeconds() + " s after the switch, and a"
                    + " rollback would take as long";
            fix = "Run 'prepare' first (or switch with prepare, which lowers the TTL and waits the old one out)";
        } else if (lowered != null && lowered.confirmedAt() == null) {
            problem = "the lowered TTL was not seen on every server";
            fix = "Run 'prepare' again";
        } else if (lowered != null && clock.instant().isBefore(lowered.oldAnswersExpireAt())) {
            problem = "answers cached with the old TTL of " + lowered.original().toSeconds() + " s may live until "
                    + lowered.oldAnswersExpireAt() + ", " + Duration.between(clock.instant(), lowered.oldAnswersExpireAt()).toSeconds()
                    + " s from now";
            fix = "Wait until then ('prepare --wait' waits)";
        } else {
            return null;
        }
        if (!force) {
            throw new RefusedException(def.name() + ": " + problem + "; nothing was switched. " + fix + ", or force the switch,"
                    + " which is recorded");
        }
        log.info(def.name() + ": forced although " + problem);
        return "forced although " + problem;
    }

    /** Gives the answer its original TTL back once the standby is retired and no rollback can be needed. */
    private ServiceState restoreTtl(ServiceDefinition def, ServiceState state, String actor) {
        LoweredTtl lowered = state.loweredTtl();
        if (lowered == null || !(def.driver() instanceof CachedAnswers cached)) {
            return state;
        }
        driverRun(def, "setTtl(" + lowered.original().toSeconds() + " s)", () -> cached.setTtl(lowered.original()));
        String detail = "TTL restored from " + lowered.lowered().toSeconds() + " s to " + lowered.original().toSeconds()
                + " s at the primary (the secondaries follow by zone transfer)";
        ServiceState saved = store.save(StateMachine.ttlRestored(state, actor, clock.instant(), detail));
        log.info(def.name() + ": " + detail);
        return saved;
    }

    // ---------------------------------------------------------------- rollback, drill, retire

    /**
     * Moves traffic back to the standby colour and watches the public URL for the service's watch window, as a switch
     * does. Failed probes in the window end it early and are reported, but never switch back by themselves: the way
     * back leads to the colour someone just rolled back from.
     */
    public RolledBack rollback(ServiceDefinition def, String actor, String reason) {
        return underLease(def, actor, () -> moveToStandby(def, actor, EventType.ROLLED_BACK, reason, true));
    }

    /**
     * Rolls back and forward again, measuring both RTOs; leaves the service as it found it. Neither move runs the watch
     * window: each ends once traffic has settled on its target, because the way back puts users on the old version
     * on purpose, and they should stay there no longer than the measurement needs.
     */
    public Drilled drill(ServiceDefinition def, String actor) {
        return underLease(def, actor, () -> {
            RolledBack back = moveToStandby(def, actor, EventType.ROLLED_BACK, "rollback drill: back", false);
            RolledBack forward = moveToStandby(def, actor, EventType.ROLLED_BACK, "rollback drill: forward again", false);
            // A plan measures nothing, so it says what the drill would measure rather than print made-up times.
            String detail = planning ? "measure the RTO back to " + back.to().name() + " and forward again to " + forward.to().name()
                    : "rollback drill: RTO back " + back.rtoMillis() + " ms, forward " + forward.rtoMillis() + " ms";
            ServiceState state = record(def, EventType.DRILL, forward.to(), forward.state().environment(forward.to()).version(), actor, detail);
            log.info(def.name() + ": " + detail);
            return new Drilled(state, back.rtoMillis(), forward.rtoMillis(), back.report(), forward.report());
        });
    }

    /**
     * @param watchWindow watch the public URL for the service's window once the move is recorded; else stop as soon as
     *        traffic has settled on the target
     */
    private RolledBack moveToStandby(ServiceDefinition def, String actor, EventType type, String reason, boolean watchWindow) {
        ServiceState state = store.load(def.name());
        Color to = StateMachine.checkRollback(state);
        SwitchWatch watch = startWatch(def, state.live(), to);
        try {
            compareAndSwap(def, state, actor, requireHealthy(def));
            RollbackDirection direction = RollbackDirection.of(state, to);
            log.info(def.name() + ": " + direction.progress() + " " + describeLive(state) + " -> " + state.environment(to).describe());
            long started = System.nanoTime();
            switchAndConfirm(def, state, to, watch, actor, null);
            long confirmedMillis = elapsedMillis(started);
            String converges = def.driver() instanceof CachedAnswers cached ? "; resolvers converge within "
                    + cached.switchTtl().toSeconds() + " s (the answer's TTL)" : "";
            ServiceState saved = store.save(StateMachine.rolledBack(store.load(def.name()), type, actor, clock.instant(), reason + converges));
            if (!converges.isEmpty()) {
                log.info(def.name() + ": " + direction.done() + " " + to.name() + converges);
            }
            if (watch == null) {
                return new RolledBack(saved, to, null, confirmedMillis);
            }
            if (watchWindow) {
                watch.watch(def.watch().window(), def.watch().maxFailures());
            }
            if (!watchWindow || watch.failures() <= def.watch().maxFailures()) {
                // For the RTO; returns at once when the window already saw traffic settle.
                watch.awaitAllOn(to, SETTLED_PROBES, Duration.ofSeconds(10));
            }
            SwitchReport report = watch.stop();
            long rto = report.timeToAllNewMillis();
            log.info(def.name() + ": " + report.summary());
            if (report.failures() > def.watch().maxFailures()) {
                log.info(def.name() + ": " + report.failures() + " failed probes after the move to " + to.name() + " (limit "
                        + def.watch().maxFailures() + "): " + report.firstFailures(3) + "; not switched back automatically, since"
                        + " that would undo the rollback. Check " + to.name() + ", then roll forward or fix it");
            }
            return new RolledBack(saved, to, report, rto < 0 ? confirmedMillis : rto);
        } finally {
            if (watch != null) {
                watch.close();
            }
        }
    }

    /** Ends the standby after the keep-old window; the driver scales it down if it can. */
    public ServiceState retire(ServiceDefinition def, String actor, boolean force) {
        return underLease(def, actor, () -> {
            ServiceState state = store.load(def.name());
            StateMachine.retired(state, actor, clock.instant()); // refuses, with the rule's sentence, when there is no standby
            IdleStandby idle = IdleStandby.of(state, def.keepOld(), def.idleCost(), clock.instant()).orElseThrow();
            Environment standby = idle.standby();
            if (!force && !idle.retireDue()) {
                throw new RefusedException(def.name() + ": " + standby.describe() + " has been standby for "
                        + Durations.describe(idle.idleFor()) + ", less than the keep-old window of " + Durations.describe(def.keepOld())
                        + " (it ends " + idle.keepOldUntil() + "); wait, or force the retirement");
            }
            ServiceState next = StateMachine.retired(state, actor, clock.instant(), "after " + Durations.describe(idle.idleFor())
                    + " idle (keep-old window " + Durations.describe(def.keepOld()) + (force && !idle.retireDue() ? ", retired early by force" : "")
                    + ")" + idle.costText());
            if (def.driver() instanceof Retirer retirer) {
                driverRun(def, "retire(" + standby.color().label() + ")", () -> retirer.retire(standby.color()));
            }
            ServiceState saved = store.save(next);
            log.info(def.name() + ": " + standby.describe() + " retired");
            return restoreTtl(def, saved, actor);
        });
    }

    // ---------------------------------------------------------------- status

    /** The record, what the router serves, and whether they disagree. Never changes anything. */
    public Status status(ServiceDefinition def) {
        ServiceState state = store.load(def.name());
        TrafficDriver.Health health;
        Optional<Color> observed;
        try {
            health = driverCall(def, "health()", () -> def.driver().health());
            observed = observe(def);
        } catch (DriverException e) {
            return new Status(state, Optional.empty(), "unreachable: " + e.getMessage(),
                    state.live() == null ? null : "the router cannot be read, so the record (" + describeLive(state) + ") is unconfirmed",
                    serverAnswersQuietly(def), standby(def, state));
        }
        List<ServerAnswer> servers = serverAnswers(def);
        String drift = withDisagreement(drift(state, observed), servers);
        return new Status(state, observed, (health.healthy() ? "healthy: " : "unhealthy: ") + health.detail(), drift, servers,
                standby(def, state));
    }

    /** The standby colour now: how long it has been idle, the keep-old deadline, whether retire is due, its cost. */
    private Optional<IdleStandby> standby(ServiceDefinition def, ServiceState state) {
        return IdleStandby.of(state, def.keepOld(), def.idleCost(), clock.instant());
    }

    /** Makes the record agree with the router after a crash or an unknown outcome. */
    public ServiceState reconcile(ServiceDefinition def, String actor) {
        return underLease(def, actor, () -> {
            ServiceState state = store.load(def.name());
            Optional<Color> observed = observe(def);
            if (observed.isEmpty()) {
                throw new RefusedException(def.name() + ": the router does not serve a single colour, so there is nothing"
                        + " to reconcile to; fix the router by hand, then run reconcile again");
            }
            if (observed.get() == state.live()) {
                log.info(def.name() + ": record and router agree on " + observed.get().name() + "; nothing to do");
                return state;
            }
            ServiceState saved = store.save(StateMachine.reconciled(state, observed.get(), actor, clock.instant()));
            log.info(def.name() + ": record corrected to the router's " + observed.get().name());
            return saved;
        });
    }

    /** Each server's answer, for a router made of several (DNS servers, a fleet of routers); empty for one. */
    private List<ServerAnswer> serverAnswers(ServiceDefinition def) {
        return def.driver() instanceof ServerAnswers answers ? driverCall(def, "serverAnswers()", answers::serverAnswers) : List.of();
    }

    /** Each server's answer when they can be asked at all: a router made of several can be partly unreachable. */
    private List<ServerAnswer> serverAnswersQuietly(ServiceDefinition def) {
        try {
            return serverAnswers(def);
        } catch (DriverException e) {
            return List.of();
        }
    }

    /** The drift sentence naming each server's answer when they disagree, so the one that drifted is named. */
    private static String withDisagreement(String drift, List<ServerAnswer> servers) {
        if (drift != null && servers.stream().map(ServerAnswer::color).distinct().count() > 1) {
            return drift + "; the servers disagree: " + describe(servers);
        }
        return drift;
    }

    private static String drift(ServiceState state, Optional<Color> observed) {
        if (state.live() == null) {
            return observed.map(served -> "the router serves " + served.name() + " but nothing is recorded as live"
                    + " (a service that ran before it was adopted); the next deployment adopts it").orElse(null);
        }
        if (observed.isEmpty()) {
            return "the router does not serve a single colour, but the record says " + state.live().name() + " is live";
        }
        if (observed.get() != state.live()) {
            return "the router serves " + observed.get().name() + " but the record says " + state.live().name() + " is live";
        }
        return null;
    }

    // ---------------------------------------------------------------- plumbing

    private interface LeasedWork<T> {
        T run();
    }

    private <T> T underLease(ServiceDefinition def, String actor, LeasedWork<T> work) {
        try (StateStore.Lease ignored = store.acquire(def.name(), actor, def.leaseWait())) {
            return work.run();
        }
    }

    private ServiceState record(ServiceDefinition def, EventType type, Color color, String version, String actor, String detail) {
        ServiceState state = store.load(def.name());
        return store.save(state.record(new Event(type, color, version, actor, clock.instant(), detail)));
    }

    /** What the router answered to a health check and, when healthy, which colour it serves. */
    private record HealthAndServed(TrafficDriver.Health health, Optional<Color> served) {}

    /**
     * Refuses an unhealthy router; returns the colour it serves, read in the same driver call for the compare-and-swap
     * that follows: one hand-off to a driver thread less before the switch (each costs milliseconds on a loaded machine).
     */
    private Optional<Color> requireHealthy(ServiceDefinition def) {
        if (planning) {
            plan("check the health of the " + def.driver().type() + " router");
            return observe(def);
        }
        HealthAndServed router = driverCall(def, "health() and observeLive()", () -> {
            TrafficDriver.Health health = def.driver().health();
            return new HealthAndServed(health, health.healthy() ? def.driver().observeLive() : Optional.empty());
        });
        if (!router.health().healthy()) {
            throw new DriverException(def.name() + ": the " + def.driver().type() + " router is not healthy (" + router.health().detail()
                    + "); nothing was changed. Bring the router up and try again");
        }
        return router.served();
    }

    private Optional<Color> observe(ServiceDefinition def) {
        if (planning) {
            plan("read back the live colour from the " + def.driver().type() + " router");
            return Optional.ofNullable(store.load(def.name()).live());
        }
        return driverCall(def, "observeLive()", () -> def.driver().observeLive());
    }

    private Optional<Color> observeQuietly(ServiceDefinition def) {
        try {
            return observe(def);
        } catch (DriverException e) {
            return Optional.empty();
        }
    }

    private <T> T driverCall(ServiceDefinition def, String what, Supplier<T> action) {
        return DriverCalls.call(def.driver().type(), what, def.driverTimeout(), def.driver().boundsItsOwnCalls(), action);
    }

    private void driverRun(ServiceDefinition def, String what, Runnable action) {
        if (planning) {
            plan("call " + def.driver().type() + " driver " + what);
            return;
        }
        driverCall(def, what, () -> {
            action.run();
            return null;
        });
    }

    private SwitchWatch startWatch(ServiceDefinition def, Color from, Color to) {
        if (def.publicUrl() == null) {
            return null;
        }
        if (planning) {
            plan("probe " + def.publicUrl() + " at " + def.watch().probesPerSecond() + "/s for " + Durations.format(def.watch().window())
                    + "; more than " + def.watch().maxFailures() + " failed probes " + (def.watch().autoRollback() ? "switch back" : "are reported"));
            return null;
        }
        return SwitchWatch.start(def.name(), from, to, probes.apply(def), def.watch().probesPerSecond(), clock);
    }

    /** In a dry run the log is the plan's collector (see {@link #dryRun}), so logging a step records it. */
    private void plan(String step) {
        log.info(step);
    }

    private static String describeLive(ServiceState state) {
        return state.live() == null ? "nothing live" : state.liveEnvironment().describe();
    }

    private static long elapsedMillis(long startNanos) {
        return (System.nanoTime() - startNanos) / 1_000_000;
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
