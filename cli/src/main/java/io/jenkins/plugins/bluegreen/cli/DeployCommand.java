package io.jenkins.plugins.bluegreen.cli;

import io.jenkins.plugins.bluegreen.model.Color;
import io.jenkins.plugins.bluegreen.release.BlueGreenEngine;
import io.jenkins.plugins.bluegreen.release.Results;
import io.jenkins.plugins.bluegreen.release.ServiceDefinition;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "deploy",
        description = {"Deploys a version to the idle colour, by running the command after '--' with BG_SERVICE, BG_COLOR,"
                + " BG_VERSION and BG_URL set, or, without a command, by the driver's own provisioning.",
            "A failing command marks the colour FAILED (exit 5); live traffic is never touched."})
final class DeployCommand extends ServiceCommand {

    /** Not the standard help mixin: its {@code --version} would clash with the version to deploy. */
    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help message and exit.")
    boolean help;

    @Option(names = "--version", required = true, paramLabel = "V", description = "The version to deploy, e.g. 1.4.2.")
    String version;

    @Option(names = "--adopt", paramLabel = "COLOR", description = {"For a service that ran before bluegreen, when its"
            + " router cannot be read: the colour users get now, recorded as live so the deployment goes to the other one.",
        "Not needed when the router answers: with nothing recorded as live, the colour it serves is adopted by itself."})
    Color adopt;

    @Parameters(paramLabel = "COMMAND", arity = "0..*", description = "The deploy command and its arguments, after '--'.")
    List<String> command;

    @Override
    public Integer call() {
        ServiceDefinition service = definition();
        if (adopt != null) {
            root.engine().adopt(service, adopt, null, root.actor());
        }
        BlueGreenEngine.DeployBody body = command == null || command.isEmpty() ? null : this::runCommand;
        Results.Deployed deployed = root.engine().deploy(service, version, root.actor(), body);
        out().println(deployed.target().color().label() + " now runs " + version
                + (deployed.target().url() == null ? "" : " at " + deployed.target().url()));
        return ExitCodes.OK;
    }

    private void runCommand(Results.DeployTarget target) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        Map<String, String> environment = builder.environment();
        environment.put("BG_SERVICE", target.service());
        environment.put("BG_COLOR", target.color().label());
        environment.put("BG_VERSION", target.version());
        environment.put("BG_URL", target.url() == null ? "" : target.url());
        Process process = builder.start();
        process.getOutputStream().close();
        try (BufferedReader output = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            output.lines().forEach(out()::println);
        }
        int exit = process.waitFor();
        if (exit != 0) {
            throw new IOException("'" + String.join(" ", command) + "' exited with " + exit);
        }
    }
}
