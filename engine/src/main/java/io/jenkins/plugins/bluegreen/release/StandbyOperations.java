package io.jenkins.plugins.bluegreen.release;

import static io.jenkins.plugins.bluegreen.release.ReleaseContext.describeLive;
import static io.jenkins.plugins.bluegreen.release.ReleaseContext.elapsedMillis;

import io.jenkins.plugins.bluegreen.driver.CachedAnswers;
import io.jenkins.plugins.bluegreen.driver.Retirer;
import io.jenkins.plugins.bluegreen.model.Color;
import io.jenkins.plugins.bluegreen.model.Durations;
import io.jenkins.plugins.bluegreen.model.Environment;
import io.jenkins.plugins.bluegreen.model.EventType;
import io.jenkins.plugins.bluegreen.model.IdleStandby;
import io.jenkins.plugins.bluegreen.model.RefusedException;
import io.jenkins.plugins.bluegreen.model.RollbackDirection;
import io.jenkins.plugins.bluegreen.model.ServiceState;
import io.jenkins.plugins.bluegreen.model.StateMachine;
import io.jenkins.plugins.bluegreen.release.Results.Drilled;
import io.jenkins.plugins.bluegreen.release.Results.RolledBack;
import io.jenkins.plugins.bluegreen.watch.SwitchReport;
import io.jenkins.plugins.bluegreen.watch.SwitchWatch;
import java.time.Duration;

/**
 * What is done with the standby colour once a switch has left one: roll back to it, drill a rollback (there and
 * back, measuring both RTOs), or retire it after the keep-old window.
 */
record StandbyOperations(ReleaseContext context, RouterReads router, ConfirmedSwitch confirming, TtlChoreography ttl) {

    /** Consecutive probes on the target that count as 100% of traffic moved, for rollback RTO. */
    private static final int SETTLED_PROBES = 5;

    RolledBack rollback(ServiceDefinition def, String actor, String reason) {
        return context.underLease(def, actor, () -> moveToStandby(def, actor, EventType.ROLLED_BACK, reason, true));
    }

    Drilled drill(ServiceDefinition def, String actor) {
        return context.underLease(def, actor, () -> {
            RolledBack back = moveToStandby(def, actor, EventType.ROLLED_BACK, "rollback drill: back", false);
            RolledBack forward = moveToStandby(def, actor, EventType.ROLLED_BACK, "rollback drill: forward again", false);
            // A plan measures nothing, so it says what the drill would measure rather than print made-up times.
            String detail = context.planning() ? "measure the RTO back to " + back.to().name() + " and forward again to " + forward.to().name()
                    : "rollback drill: RTO back " + back.rtoMillis() + " ms, forward " + forward.rtoMillis() + " ms";
            ServiceState state = context.record(def, EventType.DRILL, forward.to(), forward.state().environment(forward.to()).version(),
                    actor, detail);
            context.log().info(def.name() + ": " + detail);
            return new Drilled(state, back.rtoMillis(), forward.rtoMillis(), back.report(), forward.report());
        });
    }

    /**
     * @param watchWindow watch the public URL for the service's window once the move is recorded; else stop as soon as
     *        traffic has settled on the target
     */
    private RolledBack moveToStandby(ServiceDefinition def, String actor, EventType type, String reason, boolean watchWindow) {
        ServiceState state = context.store().load(def.name());
        Color to = StateMachine.checkRollback(state);
        SwitchWatch watch = context.startWatch(def, state.live(), to);
        try {
            router.compareAndSwap(def, state, actor, router.requireHealthy(def));
            RollbackDirection direction = RollbackDirection.of(state, to);
            context.log().info(def.name() + ": " + direction.progress() + " " + describeLive(state) + " -> " + state.environment(to).describe());
            long started = System.nanoTime();
            confirming.switchAndConfirm(def, state, to, watch, actor, null);
            long confirmedMillis = elapsedMillis(started);
            String converges = def.driver() instanceof CachedAnswers cached ? "; resolvers converge within "
                    + cached.switchTtl().toSeconds() + " s (the answer's TTL)" : "";
            ServiceState saved = context.store().save(StateMachine.rolledBack(context.store().load(def.name()), type, actor,
                    context.clock().instant(), reason + converges));
            if (!converges.isEmpty()) {
                context.log().info(def.name() + ": " + direction.done() + " " + to.name() + converges);
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
            context.log().info(def.name() + ": " + report.summary());
            if (report.failures() > def.watch().maxFailures()) {
                context.log().info(def.name() + ": " + report.failures() + " failed probes after the move to " + to.name() + " (limit "
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

    ServiceState retire(ServiceDefinition def, String actor, boolean force) {
        return context.underLease(def, actor, () -> {
            ServiceState state = context.store().load(def.name());
            StateMachine.retired(state, actor, context.clock().instant()); // refuses, with the rule's sentence, when there is no standby
            IdleStandby idle = IdleStandby.of(state, def.keepOld(), def.idleCost(), context.clock().instant()).orElseThrow();
            Environment standby = idle.standby();
            if (!force && !idle.retireDue()) {
                throw new RefusedException(def.name() + ": " + standby.describe() + " has been standby for "
                        + Durations.describe(idle.idleFor()) + ", less than the keep-old window of " + Durations.describe(def.keepOld())
                        + " (it ends " + idle.keepOldUntil() + "); wait, or force the retirement");
            }
            ServiceState next = StateMachine.retired(state, actor, context.clock().instant(), "after " + Durations.describe(idle.idleFor())
                    + " idle (keep-old window " + Durations.describe(def.keepOld()) + (force && !idle.retireDue() ? ", retired early by force" : "")
                    + ")" + idle.costText());
            if (def.driver() instanceof Retirer retirer) {
                context.driverRun(def, "retire(" + standby.color().label() + ")", () -> retirer.retire(standby.color()));
            }
            ServiceState saved = context.store().save(next);
            context.log().info(def.name() + ": " + standby.describe() + " retired");
            return ttl.restoreTtl(def, saved, actor);
        });
    }
}
