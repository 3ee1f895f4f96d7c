package io.jenkins.plugins.bluegreen.cli;

import io.jenkins.plugins.bluegreen.cli.output.JsonViews;
import io.jenkins.plugins.bluegreen.model.Outcome;
import io.jenkins.plugins.bluegreen.release.Results;
import io.jenkins.plugins.bluegreen.verify.VerifyTarget;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "verify", mixinStandardHelpOptions = true,
        description = "Runs the spec's checks against a colour's own URL and records the outcome. Exit 4 unless all pass.")
final class VerifyCommand extends ServiceCommand {

    @Option(names = "--target", defaultValue = "idle", paramLabel = "idle|live|both",
            description = "Which colour to check: idle (default), live, or both (old and new must pass).")
    VerifyTarget target;

    @Option(names = "--json", description = "Print JSON (schema in docs/cli.md).")
    boolean json;

    @Override
    public Integer call() {
        Results.Verified verified = root.engine().verify(definition(), root.spec().checks(), target, root.actor());
        Outcome outcome = verified.outcome();
        if (json) {
            root.printJson(JsonViews.VerifyView.of(definition().name(), verified));
        } else {
            verified.reports().forEach(report -> out().println(report.color().label() + " (" + report.version() + "): " + report.outcome()));
        }
        if (root.planning() || outcome == Outcome.SUCCESSFUL) {
            return ExitCodes.OK;
        }
        if (outcome == Outcome.INCONCLUSIVE) {
            root.terminal().err().println("warning: verification is INCONCLUSIVE; a person must look at the report before switching");
        }
        return ExitCodes.VERIFICATION;
    }
}
