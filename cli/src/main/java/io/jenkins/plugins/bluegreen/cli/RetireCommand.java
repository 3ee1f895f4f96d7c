package io.jenkins.plugins.bluegreen.cli;

import io.jenkins.plugins.bluegreen.model.ServiceState;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "retire", mixinStandardHelpOptions = true,
        description = "Ends the standby colour once the spec's keepOld window has passed (the driver scales it down if it can).")
final class RetireCommand extends ServiceCommand {

    @Option(names = "--force", description = "Retire before the keepOld window has passed.")
    boolean force;

    @Override
    public Integer call() {
        ServiceState state = root.engine().retire(definition(), root.actor(), force);
        out().println(state.events().get(state.events().size() - 1).detail() + "; " + state.liveEnvironment().describe()
                + " stays live");
        return ExitCodes.OK;
    }
}
