package io.jenkins.plugins.bluegreen.cli;

import io.jenkins.plugins.bluegreen.cli.output.JsonViews;
import io.jenkins.plugins.bluegreen.cli.output.Progress;
import io.jenkins.plugins.bluegreen.model.LoweredTtl;
import io.jenkins.plugins.bluegreen.release.Results;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "prepare", mixinStandardHelpOptions = true,
        description = {"For a router whose answers are cached (dns): lowers the record's TTL to the driver's switchTtl on"
                + " every server and records the TTL it had, so that the switch and any rollback reach every client within"
                + " switchTtl. A switch is refused until answers cached with the old TTL have expired.",
            "Run it well before the switch (e.g. at deploy time), or with --wait to wait the old TTL out here."})
final class PrepareCommand extends ServiceCommand {

    @Option(names = "--wait", description = "Wait until answers cached with the old TTL have expired (shown as progress, recorded).")
    boolean waitForCaches;

    @Option(names = "--json", description = "Print JSON (schema in docs/cli.md).")
    boolean json;

    @Override
    public Integer call() {
        Results.Prepared prepared;
        boolean quiet = json || !waitForCaches;
        try (Progress ignored = root.progress("waiting for cached answers of " + definition().name() + " to expire", quiet)) {
            prepared = root.engine().prepare(definition(), root.actor(), waitForCaches);
        }
        LoweredTtl lowered = prepared.lowered();
        if (json) {
            root.printJson(new JsonViews.PrepareView(JsonViews.SCHEMA, definition().name(), lowered, prepared.waitedMillis()));
        } else if (lowered == null) {
            out().println("the record's TTL needs no lowering; a switch may go ahead");
        } else {
            out().println("TTL " + lowered.lowered().toSeconds() + " s (was " + lowered.original().toSeconds() + " s); "
                    + (lowered.confirmedAt() == null ? "not yet on every server: run prepare again"
                    : "a switch may go ahead from " + lowered.oldAnswersExpireAt())
                    + (prepared.waitedMillis() > 0 ? "; waited " + prepared.waitedMillis() / 1000 + " s" : ""));
        }
        return ExitCodes.OK;
    }
}
