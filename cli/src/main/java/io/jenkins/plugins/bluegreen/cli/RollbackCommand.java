package io.jenkins.plugins.bluegreen.cli;

import io.jenkins.plugins.bluegreen.cli.output.JsonViews;
import io.jenkins.plugins.bluegreen.cli.output.Progress;
import io.jenkins.plugins.bluegreen.release.Results;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "rollback", mixinStandardHelpOptions = true,
        description = "Sends traffic back to the standby colour (the previous version) and measures the recovery time.")
final class RollbackCommand extends ServiceCommand {

    @Option(names = "--reason", defaultValue = "rolled back from the command line", paramLabel = "R",
            description = "Why, recorded in the audit trail.")
    String reason;

    @Option(names = "--json", description = "Print JSON (schema in docs/cli.md).")
    boolean json;

    @Override
    public Integer call() {
        Results.RolledBack rolledBack;
        try (Progress ignored = root.progress("rolling back " + definition().name(), json)) {
            rolledBack = root.engine().rollback(definition(), root.actor(), reason);
        }
        var report = writeReport(rolledBack.report(), rolledBack.state(), "rollback", null, json);
        if (json) {
            root.printJson(JsonViews.RollbackView.of(rolledBack, report));
        } else {
            out().println(rolledBack.to().name() + " is live again; RTO " + rolledBack.rtoMillis() + " ms");
        }
        return ExitCodes.OK;
    }
}
