package io.jenkins.plugins.bluegreen.cli;

import io.jenkins.plugins.bluegreen.cli.output.JsonViews;
import io.jenkins.plugins.bluegreen.cli.output.Progress;
import io.jenkins.plugins.bluegreen.release.Results;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "drill", mixinStandardHelpOptions = true,
        description = "Rollback drill: rolls back to the standby and forward again, measuring both recovery times.")
final class DrillCommand extends ServiceCommand {

    @Option(names = "--json", description = "Print JSON (schema in docs/cli.md).")
    boolean json;

    @Override
    public Integer call() {
        Results.Drilled drilled;
        try (Progress ignored = root.progress("rollback drill of " + definition().name(), json)) {
            drilled = root.engine().drill(definition(), root.actor());
        }
        writeReport(drilled.backReport(), drilled.state(), "drill-back", null, json);
        if (json) {
            root.printJson(JsonViews.DrillView.of(drilled));
        } else {
            out().println("rollback drill: RTO back " + drilled.backRtoMillis() + " ms, forward " + drilled.forwardRtoMillis()
                    + " ms; " + drilled.state().live().name() + " is live");
        }
        return ExitCodes.OK;
    }
}
