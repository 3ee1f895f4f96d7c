package io.jenkins.plugins.bluegreen.cli;

import io.jenkins.plugins.bluegreen.cli.output.JsonViews;
import io.jenkins.plugins.bluegreen.model.Event;
import io.jenkins.plugins.bluegreen.model.ServiceState;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "history", mixinStandardHelpOptions = true, description = "Prints the audit trail, oldest first.")
final class HistoryCommand extends ServiceCommand {

    @Option(names = "--limit", paramLabel = "N", description = "Only the last N events, 1 or more (default: all).")
    Integer limit;

    @Option(names = "--json", description = "Print JSON (schema in docs/cli.md).")
    boolean json;

    @Override
    public Integer call() {
        if (limit != null) {
            OptionRanges.atLeast("--limit", limit, 1);
        }
        ServiceState state = root.store().load(definition().name());
        List<Event> events = state.events();
        if (limit != null && events.size() > limit) {
            events = events.subList(events.size() - limit, events.size());
        }
        if (json) {
            root.printJson(new JsonViews.HistoryView(JsonViews.SCHEMA, state.service(), events));
            return ExitCodes.OK;
        }
        for (Event event : events) {
            out().printf("%s  %-22s %-6s %-10s %-12s %s%n", event.at(), event.type(), event.color() == null ? "" : event.color().label(),
                    event.version() == null ? "" : event.version(), event.actor(), event.detail() == null ? "" : event.detail());
        }
        return ExitCodes.OK;
    }
}
