package io.jenkins.plugins.bluegreen.cli;

import io.jenkins.plugins.bluegreen.cli.output.JsonViews;
import io.jenkins.plugins.bluegreen.model.BadInputException;
import io.jenkins.plugins.bluegreen.release.Plan;
import java.io.PrintWriter;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "plan", mixinStandardHelpOptions = true,
        description = {"Dry run: prints the steps a command would take, calling no router, running no check or deploy"
                + " command, and saving nothing.", "Example: bluegreen plan switch --yes"})
final class PlanCommand extends ServiceCommand {

    private static final Set<String> PLANNABLE = new TreeSet<>(List.of("deploy", "verify", "switch", "rollback", "drill", "retire",
            "reconcile"));

    @Option(names = "--json", description = "Print the steps as JSON (schema in docs/cli.md).")
    boolean json;

    @Parameters(arity = "1..*", paramLabel = "COMMAND", description = "The command to plan and its options: one of ${COMPLETION-CANDIDATES}.",
            completionCandidates = Plannable.class)
    List<String> command;

    @Override
    public Integer call() {
        if (!PLANNABLE.contains(command.get(0))) {
            throw new BadInputException("plan", "'" + command.get(0) + "' cannot be planned; plan one of " + String.join(", ", PLANNABLE));
        }
        Plan plan = new Plan();
        List<String> args = new ArrayList<>(List.of(root.globalArguments()));
        args.addAll(command);
        Terminal terminal = root.terminal();
        // The planned command's own result line would claim what was only planned (and break --json); the steps say it.
        Terminal planned = new Terminal(new PrintWriter(Writer.nullWriter()), terminal.err(),
                false, terminal.readLine(), terminal.environment());
        int exit = BlueGreenCommand.commandLine(planned, plan).execute(args.toArray(String[]::new));
        if (json) {
            root.printJson(new JsonViews.PlanView(JsonViews.SCHEMA, definition().name(), plan.steps()));
        } else {
            out().println("plan for '" + String.join(" ", command) + "' (nothing was done):");
            for (int i = 0; i < plan.steps().size(); i++) {
                out().printf("%3d. %s%n", i + 1, plan.steps().get(i));
            }
        }
        return exit;
    }

    /** The commands a plan can run, for the help text. */
    static final class Plannable extends ArrayList<String> {
        Plannable() {
            super(PLANNABLE);
        }
    }
}
