package io.jenkins.plugins.bluegreen.release;

import static io.jenkins.plugins.bluegreen.release.ReleaseContext.describeLive;
import static io.jenkins.plugins.bluegreen.release.ReleaseContext.elapsedMillis;

import io.jenkins.plugins.bluegreen.approval.ApprovalDecision;
import io.jenkins.plugins.bluegreen.approval.ApprovalPolicy;
import io.jenkins.plugins.bluegreen.approval.ApprovalRequest;
import io.jenkins.plugins.bluegreen.driver.CachedAnswers;
import io.jenkins.plugins.bluegreen.driver.DriverException;
import io.jenkins.plugins.bluegreen.driver.PreviewUrls;
import io.jenkins.plugins.bluegreen.model.Color;
import io.jenkins.plugins.bluegreen.model.Durations;
import io.jenkins.plugins.bluegreen.model.Environment;
import io.jenkins.plugins.bluegreen.model.EnvironmentStatus;
import io.jenkins.plugins.bluegreen.model.Event;
import io.jenkins.plugins.bluegreen.model.EventType;
import io.jenkins.plugins.bluegreen.model.RefusedException;
import io.jenkins.plugins.bluegreen.model.ServiceState;
import io.jenkins.plugins.bluegreen.model.StateMachine;
import io.jenkins.plugins.bluegreen.model.VerificationReport;
import io.jenkins.plugins.bluegreen.release.BlueGreenEngine.SwitchOptions;
import io.jenkins.plugins.bluegreen.release.Results.Switched;
import io.jenkins.plugins.bluegreen.watch.SessionDrainReport;
import io.jenkins.plugins.bluegreen.watch.SessionDrainWatch;
import io.jenkins.plugins.bluegreen.watch.SwitchReport;
import io.jenkins.plugins.bluegreen.watch.SwitchWatch;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The switch to the idle colour: approve, compare-and-swap, switch, read back, record, watch the window (switching
 * back automatically when the service says so), then drain the old colour's sessions outside the lease.
 */
record TrafficSwitch(ReleaseContext context, RouterReads router, ConfirmedSwitch confirming, TtlChoreography ttl,
        SessionDrainer drainer) {

    ApprovalRequest approvalRequest(ServiceDefinition def, String message, boolean force) {
        ServiceState state = context.store().load(def.name());
        Color to = state.idle();
        StateMachine.checkSwitch(state, to, force, true);
        Optional<Color> observed = router.observeQuietly(def);
        Environment from = state.liveEnvironment();
        List<VerificationReport> reports = new ArrayList<>();
        for (Color color : Color.values()) {
            if (state.environment(color).lastReport() != null) {
                reports.add(state.environment(color).lastReport());
            }
        }
        return new ApprovalRequest(def.name(), state.live(), from == null ? null : from.version(), to,
                state.environment(to).version(), previewUrl(def, state.environment(to)), reports,
                RouterReads.drift(state, observed), message);
    }

    private static String previewUrl(ServiceDefinition def, Environment environment) {
        if (environment.previewUrl() != null || !(def.driver() instanceof PreviewUrls previews)) {
            return environment.previewUrl();
        }
        return previews.previewUrl(environment.color()).orElse(null);
    }

    Switched switchTraffic(ServiceDefinition def, SwitchOptions options) {
        if (options.prepare() && def.driver() instanceof CachedAnswers) {
            ServiceState before = context.store().load(def.name());
            // Nobody waits out a TTL for a switch the rules refuse anyway.
            StateMachine.checkSwitch(before, before.idle(), options.force());
            ttl.prepare(def, options.actor(), true);
        }
        // A session drain outlives the lease: a rollback must be able to take the lease (and cancel the drain) at once.
        AtomicReference<SessionDrainWatch> draining = new AtomicReference<>();
        Switched switched;
        try {
            switched = context.underLease(def, options.actor(), () -> switchUnderLease(def, options, draining));
        } catch (RuntimeException e) {
            if (draining.get() != null) {
                draining.get().stop(SessionDrainReport.Ending.ABANDONED, e.getMessage());
            }
            throw e;
        }
        return draining.get() == null ? switched : drainer.finish(def, switched, draining.get(), options.actor());
    }

    private Switched switchUnderLease(ServiceDefinition def, SwitchOptions options, AtomicReference<SessionDrainWatch> draining) {
        ServiceState state = context.store().load(def.name());
        Color to = state.idle();
        StateMachine.checkSwitch(state, to, options.force(), options.policy() != null);
        // Probing starts before the checks that precede the switch, so that the timeline shows the old colour
        // answering before the call; nothing waits for it. A switch that asks for approval starts it after the
        // answer instead of probing all through the wait.
        SwitchWatch watch = options.policy() == null ? context.startWatch(def, state.live(), to) : null;
        try {
            Optional<Color> served = router.requireHealthy(def);
            String forcedCaches = ttl.requireOldAnswersExpired(def, state, options.force());
            ApprovalDecision decision = null;
            if (options.policy() != null) {
                // Nobody is asked to approve a switch the drift check would refuse; it runs again after the answer.
                router.compareAndSwap(def, state, options.actor(), served);
                decision = approve(def, options);
                state = context.store().load(def.name());
                ServiceState accepted = decision.verdict() == ApprovalDecision.Verdict.GRANTED
                        ? StateMachine.acceptedAtApproval(state, to, decision.by(), context.clock().instant()) : state;
                if (accepted != state) {
                    state = context.store().save(accepted);
                    context.log().info(def.name() + ": " + state.events().get(state.events().size() - 1).detail());
                }
                // An INCONCLUSIVE colour that nobody approved (a timeout that proceeds) is refused before the router moves.
                StateMachine.checkSwitch(state, to, options.force());
                watch = context.startWatch(def, state.live(), to);
                served = router.observe(def);
            }
            router.compareAndSwap(def, state, options.actor(), served);
            context.log().info(def.name() + ": switching traffic " + describeLive(state) + " -> " + state.environment(to).describe());
            long started = System.nanoTime();
            confirming.switchAndConfirm(def, state, to, watch, options.actor(), def.sessions());
            // Re-read: the switch may have added events (an unknown outcome) since the state was loaded.
            boolean forcedUnverified = options.force() && !StateMachine.mayGoLive(state, to);
            state = context.store().save(StateMachine.switched(context.store().load(def.name()), to, forcedUnverified, options.actor(),
                    context.clock().instant(), "confirmed by read-back in " + elapsedMillis(started) + " ms"
                    + (forcedCaches == null ? "" : "; " + forcedCaches) + (def.sessions() == null ? "" : "; " + def.sessions().describe())));
            context.log().info(def.name() + ": router confirms " + to.name() + " is live" + (def.sessions() == null ? ""
                    : "; " + to.other().name() + " keeps the sessions pinned to it while they drain"));
            draining.set(drainer.start(def, state, to, started));
            return watchWindow(def, state, to, watch, options.actor(), decision);
        } finally {
            if (watch != null) {
                watch.close();
            }
        }
    }

    private ApprovalDecision approve(ServiceDefinition def, SwitchOptions options) {
        ApprovalRequest request = approvalRequest(def, options.policy().message(), options.force());
        // A request made earlier (the plugin asks when its step starts) keeps its own time; the wait was logged then.
        Optional<Instant> askedEarlier = options.gate() == null ? Optional.empty() : options.gate().requestedAt();
        ServiceState before = context.store().load(def.name());
        context.store().save(before.record(new Event(EventType.APPROVAL_REQUESTED, request.to(), request.toVersion(), options.actor(),
                askedEarlier.orElseGet(context.clock()::instant), request.summary())));
        if (askedEarlier.isEmpty()) {
            context.log().info(def.name() + ": waiting for approval: " + request.summary());
        }
        ApprovalDecision decision = context.planning() ? ApprovalDecision.granted("dry-run")
                : options.gate().request(request, options.policy().timeout());
        switch (decision.verdict()) {
            case GRANTED -> context.record(def, EventType.APPROVAL_GRANTED, request.to(), request.toVersion(), decision.by(),
                    "approved by " + decision.by() + commentOf(decision));
            case REJECTED -> {
                context.record(def, EventType.APPROVAL_REJECTED, request.to(), request.toVersion(), decision.by(),
                        "rejected by " + decision.by() + commentOf(decision));
                throw new RefusedException(def.name() + ": the switch to " + request.to().name() + " was rejected by "
                        + decision.by() + commentOf(decision) + "; traffic was not touched");
            }
            case TIMED_OUT -> {
                boolean proceed = options.policy().onTimeout() == ApprovalPolicy.OnTimeout.PROCEED;
                context.record(def, EventType.APPROVAL_TIMED_OUT, request.to(), request.toVersion(), options.actor(),
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

    private Switched watchWindow(ServiceDefinition def, ServiceState state, Color to, SwitchWatch watch, String actor,
            ApprovalDecision decision) {
        if (watch == null) {
            return new Switched(state, to, decision, null, false);
        }
        long failures = watch.watch(def.watch().window(), def.watch().maxFailures());
        SwitchReport report = watch.stop();
        context.log().info(def.name() + ": " + report.summary());
        boolean canRollBack = state.environment(to.other()).status() == EnvironmentStatus.STANDBY;
        if (failures <= def.watch().maxFailures() || !def.watch().autoRollback() || !canRollBack) {
            return new Switched(state, to, decision, report, false);
        }
        String evidence = failures + " failed probes in the watch window (limit " + def.watch().maxFailures() + "): "
                + report.firstFailures(3);
        context.log().info(def.name() + ": " + evidence + "; switching back to " + to.other().name());
        context.driverRun(def, "switchTo(" + to.other().label() + ")", () -> def.driver().switchTo(to.other()));
        Optional<Color> observed = confirming.readBack(def, to.other());
        if (!observed.equals(Optional.of(to.other()))) {
            String message = def.name() + ": automatic rollback to " + to.other().name() + " did not take: the router reads back "
                    + observed.map(Color::name).orElse("no single colour");
            confirming.recordSwitchFailure(def, to.other(), actor, message);
            throw new DriverException(message + "; " + to.name() + " is still recorded as live. Roll back by hand");
        }
        ServiceState rolledBack = context.store().save(StateMachine.autoRolledBack(context.store().load(def.name()), to, actor,
                context.clock().instant(), evidence));
        return new Switched(rolledBack, to.other(), decision, report, true);
    }
}
