package io.jenkins.plugins.bluegreen.view;

import io.jenkins.plugins.bluegreen.model.Color;
import io.jenkins.plugins.bluegreen.model.Environment;
import io.jenkins.plugins.bluegreen.model.Event;
import io.jenkins.plugins.bluegreen.model.EventType;
import io.jenkins.plugins.bluegreen.model.IdleStandby;
import io.jenkins.plugins.bluegreen.model.RefusedException;
import io.jenkins.plugins.bluegreen.model.RollbackDirection;
import io.jenkins.plugins.bluegreen.model.ServiceState;
import io.jenkins.plugins.bluegreen.model.StateMachine;
import io.jenkins.plugins.bluegreen.model.VerificationReport;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * One service as the Jenkins page and the CLI show it. Every field is a finished display string or flag, so views
 * hold no logic; strings are raw text and each view escapes them for its own output.
 *
 * @param headline the service and its live colour, for a sidebar link: {@code shop: Live GREEN (1.4.2)} or
 *     {@code shop: nothing live yet}
 * @param liveLabel {@code Live: GREEN (1.4.2)} or {@code Nothing live yet}
 * @param liveColor the live colour in lower case for a CSS class or icon name, {@code none} before the first switch
 * @param observedLabel what the router was seen serving, e.g. {@code Router serves GREEN}
 * @param drifted whether the record and the router disagree
 * @param drift the sentence saying how they disagree; empty when they agree
 * @param environments BLUE, then GREEN
 * @param events the audit trail, newest first
 * @param adoption how the live colour came to be recorded when it was adopted (it ran before the tool took the
 *     service over) and nothing was switched since, e.g. {@code adopted BLUE (1.0) as live, as found: the haproxy
 *     router serves BLUE (by alice)}; empty otherwise
 * @param rollback the "Switch back to ..." or "Roll forward to ..." button, named by where it sends traffic
 * @param drill the "Run rollback drill" button; a drill rolls back and forward again, so it follows the same rules
 * @param configDrift the configuration drift the newest verification found between the colours, as a table
 * @param standby the standby colour's idle time, keep-old deadline and cost, e.g.
 *     {@code BLUE (1.0) standby for 2h 5m; keep-old window ended ...: retire is due}; empty when there is no standby
 * @param retireDue whether the keep-old window has passed, so {@code retire} is due
 */
public record ServiceView(
        String service,
        String headline,
        String liveLabel,
        String liveColor,
        String observedLabel,
        boolean drifted,
        String drift,
        List<EnvironmentView> environments,
        List<EventView> events,
        String adoption,
        RollbackButtonView rollback,
        RollbackButtonView drill,
        ConfigDriftView configDrift,
        String standby,
        boolean retireDue) {

    public ServiceView {
        environments = List.copyOf(environments);
        events = List.copyOf(events);
    }

    /**
     * @param observed what the router serves, as the engine's status read it; empty when it could not tell
     * @param drift the engine's drift sentence, or {@code null} when the record and the router agree
     */
    public static ServiceView of(ServiceState state, Optional<Color> observed, String drift) {
        return of(state, observed, drift, Optional.empty());
    }

    /** @param standby the standby's idle time and keep-old deadline, computed for now with the service's settings */
    public static ServiceView of(ServiceState state, Optional<Color> observed, String drift, Optional<IdleStandby> standby) {
        Environment live = state.liveEnvironment();
        String refusal = rollbackRefusal(state, drift);
        return new ServiceView(
                state.service(),
                headline(state),
                live == null ? "Nothing live yet" : "Live: " + live.describe(),
                live == null ? "none" : live.color().label(),
                observed.map(color -> "Router serves " + color.name()).orElse("Router: no single colour observed"),
                drift != null,
                Texts.orEmpty(drift),
                List.of(EnvironmentView.of(state.blue()), EnvironmentView.of(state.green())),
                newestFirst(state.events()),
                adoption(state),
                new RollbackButtonView(rollbackLabel(state), refusal.isEmpty(), refusal),
                new RollbackButtonView("Run rollback drill", refusal.isEmpty(), refusal),
                ConfigDriftView.of(VerificationReport.newestConfigDrift(Stream.of(state.blue(), state.green())
                        .map(Environment::lastReport).filter(Objects::nonNull).toList())),
                standby.map(IdleStandby::describe).orElse(""),
                standby.map(IdleStandby::retireDue).orElse(false));

    }

    /** {@code shop: Live GREEN (1.4.2)} or {@code shop: nothing live yet}. */
    public static String headline(ServiceState state) {
        Environment live = state.liveEnvironment();
        return state.service() + ": " + (live == null ? "nothing live yet" : "Live " + live.describe());
    }

    /**
     * The banner of a page that shows an older state of the service than the newest one, e.g. {@code State has moved
     * on: now Live GREEN (1.4.2), recorded by shop-rollback #1}; empty when {@code shown} is the newest.
     *
     * @param recordedBy who recorded the newest state, e.g. a build's name
     */
    public static String movedOn(ServiceState shown, ServiceState newest, String recordedBy) {
        if (newest.revision() <= shown.revision()) {
            return "";
        }
        Environment live = newest.liveEnvironment();
        return "State has moved on: now " + (live == null ? "nothing live" : "Live " + live.describe()) + ", recorded by " + recordedBy;
    }

    /**
     * How the live colour came to be recorded, when it was adopted and traffic has not moved since; empty otherwise.
     * Approvers see it: the release they approve replaces something the tool did not put there.
     */
    public static String adoption(ServiceState state) {
        List<Event> events = state.events();
        for (int i = events.size() - 1; i >= 0; i--) {
            Event event = events.get(i);
            if (StateMachine.movesTraffic(event.type())) {
                return event.type() == EventType.ADOPTED && state.liveEnvironment() != null
                        ? Texts.orEmpty(event.detail()) + " (by " + Texts.orEmpty(event.actor()) + ")"
                        : "";
            }
        }
        return "";
    }

    /**
     * Named by where it sends traffic and which way: {@code Switch back to BLUE (1.4.1)}, {@code Roll forward to GREEN
     * (1.4.2)}. Without a standby it names no colour: there is none to go to.
     */
    private static String rollbackLabel(ServiceState state) {
        Color target;
        try {
            target = StateMachine.checkRollback(state);
        } catch (RefusedException noStandby) {
            return "Switch back (no standby)";
        }
        return RollbackDirection.of(state, target).action(state.environment(target));
    }

    private static List<EventView> newestFirst(List<Event> events) {
        return IntStream.range(0, events.size()).mapToObj(i -> EventView.of(events.get(events.size() - 1 - i))).toList();
    }

    /**
     * Why a rollback would be refused now, or empty. The state machine's rule decides; on top, the engine refuses
     * to move traffic while the record and the router disagree.
     */
    private static String rollbackRefusal(ServiceState state, String drift) {
        try {
            StateMachine.checkRollback(state);
        } catch (RefusedException e) {
            return e.getMessage();
        }
        return drift == null ? "" : "the record and the router disagree (" + drift + "); reconcile them first";
    }
}
