package io.jenkins.plugins.bluegreen.view;

import io.jenkins.plugins.bluegreen.model.Color;
import io.jenkins.plugins.bluegreen.model.Environment;
import io.jenkins.plugins.bluegreen.model.Event;
import io.jenkins.plugins.bluegreen.model.IdleStandby;
import io.jenkins.plugins.bluegreen.model.RefusedException;
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
 * @param liveLabel {@code Live: GREEN (1.4.2)} or {@code Nothing live yet}
 * @param liveColor the live colour in lower case for a CSS class or icon name, {@code none} before the first switch
 * @param observedLabel what the router was seen serving, e.g. {@code Router serves GREEN}
 * @param drifted whether the record and the router disagree
 * @param drift the sentence saying how they disagree; empty when they agree
 * @param environments BLUE, then GREEN
 * @param events the audit trail, newest first
 * @param rollback the "Roll back to ..." button
 * @param drill the "Run rollback drill" button; a drill rolls back and forward again, so it follows the same rules
 * @param configDrift the configuration drift the newest verification found between the colours, as a table
 * @param standby the standby colour's idle time, keep-old deadline and cost, e.g.
 *     {@code BLUE (1.0) standby for 2h 5m; keep-old window ended ...: retire is due}; empty when there is no standby
 * @param retireDue whether the keep-old window has passed, so {@code retire} is due
 */
public record ServiceView(
        String service,
        String liveLabel,
        String liveColor,
        String observedLabel,
        boolean drifted,
        String drift,
        List<EnvironmentView> environments,
        List<EventView> events,
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
        String rollbackLabel = live == null ? "Roll back" : "Roll back to " + state.environment(live.color().other()).describe();
        return new ServiceView(
                state.service(),
                live == null ? "Nothing live yet" : "Live: " + live.describe(),
                live == null ? "none" : live.color().label(),
                observed.map(color -> "Router serves " + color.name()).orElse("Router: no single colour observed"),
                drift != null,
                Texts.orEmpty(drift),
                List.of(EnvironmentView.of(state.blue()), EnvironmentView.of(state.green())),
                newestFirst(state.events()),
                new RollbackButtonView(rollbackLabel, refusal.isEmpty(), refusal),
                new RollbackButtonView("Run rollback drill", refusal.isEmpty(), refusal),
                ConfigDriftView.of(VerificationReport.newestConfigDrift(Stream.of(state.blue(), state.green())
                        .map(Environment::lastReport).filter(Objects::nonNull).toList())),
                standby.map(IdleStandby::describe).orElse(""),
                standby.map(IdleStandby::retireDue).orElse(false));

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
