package io.jenkins.plugins.bluegreen.cli;

import io.jenkins.plugins.bluegreen.approval.ApprovalGate;
import io.jenkins.plugins.bluegreen.approval.ApprovalPolicy;
import io.jenkins.plugins.bluegreen.cli.output.JsonViews;
import io.jenkins.plugins.bluegreen.cli.output.Progress;
import io.jenkins.plugins.bluegreen.cli.output.ReportFiles;
import io.jenkins.plugins.bluegreen.model.BadInputException;
import io.jenkins.plugins.bluegreen.model.Durations;
import io.jenkins.plugins.bluegreen.model.RefusedException;
import io.jenkins.plugins.bluegreen.release.BlueGreenEngine;
import io.jenkins.plugins.bluegreen.release.Results;
import java.time.Duration;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "switch", mixinStandardHelpOptions = true,
        description = {"Moves traffic to the idle colour: asks for approval, checks the router still serves the recorded colour,"
                + " switches, reads back, and watches the public URL (rolling back automatically if the spec says so).",
            "Writes an SVG timeline and an HTML report into <state-dir>/reports/."})
final class SwitchCommand extends ServiceCommand {

    @Option(names = {"-y", "--yes"}, description = "Approve without asking (required when there is no terminal, e.g. in CI).")
    boolean yes;

    @Option(names = "--approve-timeout", paramLabel = "D", description = "How long to wait at the prompt, e.g. 5m (default: the spec's approval.timeout).")
    String approveTimeout;

    @Option(names = "--force", description = "Switch to a colour that is not VERIFIED, or (dns) before answers cached with the"
            + " old TTL have expired; recorded as forced.")
    boolean force;

    @Option(names = "--prepare", description = "dns: first lower the record's TTL and wait the old one out (see 'prepare').")
    boolean prepare;

    @Option(names = "--json", description = "Print JSON (schema in docs/cli.md).")
    boolean json;

    @Override
    public Integer call() {
        if (yes && approveTimeout != null) {
            throw new BadInputException("--approve-timeout", "means nothing with --yes, which approves without asking; give one or the other");
        }
        ApprovalPolicy policy = root.spec().approval();
        if (approveTimeout != null) {
            Duration timeout = Durations.parse("--approve-timeout", approveTimeout);
            if (timeout.isZero()) {
                throw OptionRanges.outOfRange("--approve-timeout", approveTimeout, "1s or more");
            }
            policy = new ApprovalPolicy(timeout, policy.onTimeout(), policy.message());
        }
        Results.Switched switched;
        try (Progress progress = root.progress("switching " + definition().name(), json)) {
            BlueGreenEngine.SwitchOptions options = new BlueGreenEngine.SwitchOptions(root.actor(), gate(progress), policy, force, prepare);
            switched = root.engine().switchTraffic(definition(), options);
        }
        ReportFiles.Written report = writeReport(switched.report(), switched.state(), "switch", switched.drain(), json);
        if (json) {
            root.printJson(JsonViews.SwitchView.of(switched, report));
        } else {
            out().println(switched.autoRolledBack()
                    ? "the watch window saw failures: traffic went back to " + switched.to().name()
                    : switched.to().name() + " is live" + (switched.report() == null ? "" : ": " + switched.report().summary()));
            if (switched.drain() != null) {
                out().println("sessions: " + switched.drain().summary());
            }
        }
        return switched.autoRolledBack() ? ExitCodes.VERIFICATION : ExitCodes.OK;
    }

    private ApprovalGate gate(Progress progress) {
        if (yes || root.planning()) {
            return ApprovalGate.autoApprove(root.actor() + " (--yes)");
        }
        if (!root.terminal().interactive()) {
            throw new RefusedException(definition().name() + ": a switch needs approval and there is no terminal to ask on;"
                    + " nothing was changed. Pass --yes to approve from a script or CI job");
        }
        return new TerminalApproval(root.terminal(), root.actor(), progress);
    }
}
