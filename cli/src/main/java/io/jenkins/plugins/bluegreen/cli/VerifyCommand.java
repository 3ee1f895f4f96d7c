package io.jenkins.plugins.bluegreen.cli;

import io.jenkins.plugins.bluegreen.cli.output.DriftTable;
import io.jenkins.plugins.bluegreen.cli.output.JsonViews;
import io.jenkins.plugins.bluegreen.model.Outcome;
import io.jenkins.plugins.bluegreen.model.VerificationReport;
import io.jenkins.plugins.bluegreen.release.Results;
import io.jenkins.plugins.bluegreen.verify.VerifyTarget;
import io.jenkins.plugins.bluegreen.verify.drift.DriftPolicy;
import io.jenkins.plugins.bluegreen.view.ConfigDriftView;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "verify", mixinStandardHelpOptions = true,
        description = "Runs the spec's checks against a colour's own URL and records the outcome. Exit 4 unless all pass.")
final class VerifyCommand extends ServiceCommand {

    @Option(names = "--target", defaultValue = "idle", paramLabel = "idle|live|both",
            description = "Which colour to check: idle (default), live, or both (old and new must pass).")
    VerifyTarget target;

    @Option(names = "--drift", paramLabel = "warn|fail|ignore",
            description = "What configuration drift between the colours does, overriding the spec's fingerprint.drift:"
                    + " warn (INCONCLUSIVE), fail (FAILED) or ignore (not read).")
    String drift;

    @Option(names = "--json", description = "Print JSON (schema in docs/cli.md).")
    boolean json;

    @Override
    public Integer call() {
        Results.Verified verified = root.engine().verify(definition().withDriftPolicy(drift == null ? null : DriftPolicy.parse("--drift", drift)),
                root.spec().checks(), target, root.actor());
        Outcome outcome = verified.outcome();
        if (json) {
            root.printJson(JsonViews.VerifyView.of(definition().name(), verified));
        } else {
            verified.reports().forEach(report -> out().println(report.color().label() + " (" + report.version() + "): " + report.outcome()));
            DriftTable.lines(ConfigDriftView.of(VerificationReport.newestConfigDrift(verified.reports())), "").forEach(out()::println);
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
