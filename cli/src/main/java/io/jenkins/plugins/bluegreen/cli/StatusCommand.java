package io.jenkins.plugins.bluegreen.cli;

import io.jenkins.plugins.bluegreen.cli.output.JsonViews;
import io.jenkins.plugins.bluegreen.model.Color;
import io.jenkins.plugins.bluegreen.model.Environment;
import io.jenkins.plugins.bluegreen.model.Event;
import io.jenkins.plugins.bluegreen.model.EventType;
import io.jenkins.plugins.bluegreen.model.ServiceState;
import io.jenkins.plugins.bluegreen.release.Results;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "status", mixinStandardHelpOptions = true,
        description = "Shows the recorded state, the colour the router serves, and any drift between them. Changes nothing.")
final class StatusCommand extends ServiceCommand {

    @Option(names = "--json", description = "Print JSON (schema in docs/cli.md).")
    boolean json;

    @Override
    public Integer call() {
        Results.Status status = root.engine().status(definition());
        if (json) {
            root.printJson(JsonViews.StatusView.of(status, definition()));
            return ExitCodes.OK;
        }
        ServiceState state = status.state();
        out().printf("service  %s (revision %d)%n", state.service(), state.revision());
        out().printf("live     %s (recorded); router serves %s%n", state.live() == null ? "nothing" : state.liveEnvironment().describe(),
                status.observed().map(Color::name).orElse(status.routerHealth().startsWith("unreachable") ? "unknown (unreachable)"
                        : "no single colour"));
        out().printf("router   %s%n", status.routerHealth());
        // A router made of several (DNS servers, a fleet): each one's answer, and whether it is what the record says.
        status.servers().forEach(server -> out().printf("server   %s%s%n", server.describe(),
                state.live() == null || server.color() == state.live() ? "" : "  (drift: the record says " + state.live().name() + ")"));
        if (state.loweredTtl() != null) {
            out().printf("ttl      lowered to %d s from %d s; %s%n", state.loweredTtl().lowered().toSeconds(),
                    state.loweredTtl().original().toSeconds(), state.loweredTtl().confirmedAt() == null
                            ? "not yet on every server" : "old answers expire by " + state.loweredTtl().oldAnswersExpireAt());
        }
        for (Color color : Color.values()) {
            Environment environment = JsonViews.StatusView.asShown(state.environment(color), definition());
            out().printf("%-8s %-10s %-10s %s%s%n", color.label(), environment.version() == null ? "-" : environment.version(),
                    environment.status(), environment.lastReport() == null ? "not verified" : "verified " + environment.lastReport().outcome(),
                    environment.previewUrl() == null ? "" : "  " + environment.previewUrl());
        }
        out().printf("drift    %s%n", status.drifted() ? status.drift() : "none");
        lastEventIf(state, EventType.SWITCH_OUTCOME_UNKNOWN).ifPresent(unknown -> out().printf("unknown  the last switch to %s"
                + " ended with an unknown outcome: %s%n", unknown.color(), unknown.detail()));
        status.standby().ifPresent(standby -> out().printf("standby  %s%n", standby.describe()));
        return ExitCodes.OK;
    }

    /** The last event, when it is of {@code type}: an outcome still unknown is settled only by a later event. */
    private static Optional<Event> lastEventIf(ServiceState state, EventType type) {
        List<Event> events = state.events();
        return events.isEmpty() || events.get(events.size() - 1).type() != type ? Optional.empty() : Optional.of(events.get(events.size() - 1));
    }
}
