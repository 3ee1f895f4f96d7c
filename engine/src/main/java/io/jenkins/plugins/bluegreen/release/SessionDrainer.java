package io.jenkins.plugins.bluegreen.release;

import io.jenkins.plugins.bluegreen.driver.SessionDrain;
import io.jenkins.plugins.bluegreen.model.Color;
import io.jenkins.plugins.bluegreen.model.Event;
import io.jenkins.plugins.bluegreen.model.EventType;
import io.jenkins.plugins.bluegreen.model.ServiceState;
import io.jenkins.plugins.bluegreen.release.Results.Switched;
import io.jenkins.plugins.bluegreen.watch.SessionDrainReport;
import io.jenkins.plugins.bluegreen.watch.SessionDrainWatch;
import java.util.EnumSet;
import java.util.Set;

/**
 * The session drain after a switch that kept pinned sessions on the old colour: watch the old colour's traffic
 * until the drain is due, then give it nothing more, unless something moved traffic in the meantime.
 */
record SessionDrainer(ReleaseContext context, RouterReads router) {

    private static final Set<EventType> TRAFFIC_MOVES = EnumSet.of(EventType.SWITCHED, EventType.AUTO_ROLLED_BACK,
            EventType.ROLLED_BACK, EventType.DRILL, EventType.RECONCILED, EventType.ADOPTED);

    /**
     * Starts reading the old colour's traffic after a switch that kept pinned sessions there; {@code null} without a
     * session drain (or in a dry run, which only says what it would do).
     */
    SessionDrainWatch start(ServiceDefinition def, ServiceState switched, Color to, long switchNanos) {
        if (def.sessions() == null) {
            return null;
        }
        if (context.planning()) {
            context.plan("drain: " + to.other().name() + " keeps the " + def.sessions().describe() + "; then it gets nothing");
            return null;
        }
        SessionDrain drain = (SessionDrain) def.driver();
        int switchEvents = switched.events().size();
        return SessionDrainWatch.start(def.name(), to.other(), def.sessions(),
                () -> context.driverCall(def, "oldColorTraffic(" + to.other().label() + ")", () -> drain.oldColorTraffic(to.other())),
                () -> switchStands(context.store().load(def.name()), to, switchEvents), switchNanos);
    }

    /**
     * Whether the switch to {@code to} (recorded as event number {@code switchEvents}) still stands: it is recorded as
     * live and nothing has moved traffic since. A rollback during a drain makes it false, which cancels the drain.
     */
    private static boolean switchStands(ServiceState state, Color to, int switchEvents) {
        return state.live() == to && state.events().size() >= switchEvents && state.events().stream().skip(switchEvents)
                .map(Event::type).noneMatch(TRAFFIC_MOVES::contains);
    }

    /**
     * Waits, outside the lease, until the drain is due (the period ended or the old colour was idle), then under the
     * lease, if the switch still stands, gives the old colour nothing more and records it. A rollback in the
     * meantime cancels the drain: whatever it set stays, and the old colour is never touched here again.
     */
    Switched finish(ServiceDefinition def, Switched switched, SessionDrainWatch drain, String actor) {
        Color old = switched.to().other();
        if (switched.autoRolledBack()) {
            return switched.withDrain(switched.state(), drain.stop(SessionDrainReport.Ending.ROLLED_BACK, "the watch window rolled back"));
        }
        SessionDrainReport.Ending due;
        try {
            due = drain.awaitDue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return switched.withDrain(context.store().load(def.name()), drain.stop(SessionDrainReport.Ending.ABANDONED, "interrupted"));
        }
        if (due == SessionDrainReport.Ending.ROLLED_BACK || due == SessionDrainReport.Ending.ABANDONED) {
            SessionDrainReport report = drain.stop(due, null);
            context.log().info(def.name() + ": " + report.summary());
            return switched.withDrain(context.store().load(def.name()), report);
        }
        int switchEvents = switched.state().events().size();
        try {
            return context.underLease(def, actor, () -> {
                ServiceState state = context.store().load(def.name());
                if (!switchStands(state, switched.to(), switchEvents)) {
                    SessionDrainReport report = drain.stop(SessionDrainReport.Ending.ROLLED_BACK, null);
                    context.log().info(def.name() + ": " + report.summary());
                    return switched.withDrain(state, report);
                }
                router.compareAndSwap(def, state, actor);
                drain.markEnding();
                context.driverRun(def, "endDrain(" + old.label() + ")", () -> ((SessionDrain) def.driver()).endDrain(old));
                SessionDrainReport report = drain.stop(due, null);
                ServiceState saved = context.record(def, EventType.SESSIONS_DRAINED, old, state.environment(old).version(), actor,
                        report.summary());
                context.log().info(def.name() + ": " + report.summary());
                return switched.withDrain(saved, report);
            });
        } catch (RuntimeException e) {
            SessionDrainReport report = drain.stop(SessionDrainReport.Ending.ABANDONED, e.getMessage());
            context.log().info(def.name() + ": " + report.summary());
            throw e;
        }
    }
}
