package io.jenkins.plugins.bluegreen.cli;

import io.jenkins.plugins.bluegreen.model.ServiceState;
import picocli.CommandLine.Command;

@Command(name = "reconcile", mixinStandardHelpOptions = true,
        description = "Makes the record agree with the colour the router actually serves (after a crash or a hand edit).")
final class ReconcileCommand extends ServiceCommand {

    @Override
    public Integer call() {
        ServiceState state = root.engine().reconcile(definition(), root.actor());
        out().println("recorded live colour: " + (state.live() == null ? "none" : state.liveEnvironment().describe()));
        return ExitCodes.OK;
    }
}
