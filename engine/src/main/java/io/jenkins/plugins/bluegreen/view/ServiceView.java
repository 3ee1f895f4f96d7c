package io.jenkins.plugins.bluegreen.view;

import io.jenkins.plugins.bluegreen.model.Color;
import io.jenkins.plugins.bluegreen.model.Environment;
import io.jenkins.plugins.bluegreen.model.Event;
import io.jenkins.plugins.bluegreen.model.RefusedException;
import io.jenkins.plugins.bluegreen.model.ServiceState;
import io.jenkins.plugins.bluegreen.model.StateMachine;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;

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
        RollbackButtonView drill) {

    public ServiceView {
        environments = List.copyOf(environments);
        events = List.copyOf(events);
    }

    /**
     * @param observed what the router serves, as the engine's status read it; empty when it could not tell
     * @param drift the engine's drift sentence, or {@code null} when the record and the router agree
     */
    public static ServiceView of(ServiceState state, Optional<Color> observed, String drift) {
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
                new RollbackButtonView("Run rollback drill", refusal.isEmpty(), refusal));
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
