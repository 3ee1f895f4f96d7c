package io.jenkins.plugins.bluegreen.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.jenkins.plugins.bluegreen.cli.demo.DemoCommand;
import io.jenkins.plugins.bluegreen.cli.embedded.EmbeddedDriverConfig;
import io.jenkins.plugins.bluegreen.cli.embedded.RouterCommand;
import io.jenkins.plugins.bluegreen.cli.output.JsonViews;
import io.jenkins.plugins.bluegreen.cli.output.ProbeTally;
import io.jenkins.plugins.bluegreen.cli.output.Progress;
import io.jenkins.plugins.bluegreen.cli.spec.Spec;
import io.jenkins.plugins.bluegreen.cli.spec.SpecReader;
import io.jenkins.plugins.bluegreen.cli.spec.SpecSecrets;
import io.jenkins.plugins.bluegreen.driver.DriverConfig;
import io.jenkins.plugins.bluegreen.drivers.DriverTypes;
import io.jenkins.plugins.bluegreen.release.BlueGreenEngine;
import io.jenkins.plugins.bluegreen.release.Plan;
import io.jenkins.plugins.bluegreen.release.ReleaseLog;
import io.jenkins.plugins.bluegreen.store.StateStore;
import io.jenkins.plugins.bluegreen.store.StateJson;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import okhttp3.OkHttpClient;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec.Target;

/** The {@code bluegreen} command: global options, the spec, the state and the engine shared by every subcommand. */
@Command(name = "bluegreen", mixinStandardHelpOptions = true, versionProvider = BlueGreenCommand.ProjectVersion.class,
        description = "Blue/green releases with zero dropped requests: deploy to the idle colour, verify it, switch, "
                + "watch, roll back in seconds.",
        subcommands = {StatusCommand.class, DeployCommand.class, VerifyCommand.class, PrepareCommand.class, SwitchCommand.class,
            RollbackCommand.class, DrillCommand.class, RetireCommand.class, HistoryCommand.class, ReconcileCommand.class,
            PlanCommand.class, DemoCommand.class, RouterCommand.class, BenchCommand.class, CommandLine.HelpCommand.class},
        footerHeading = "%nExit codes:%n",
        footer = {"  0 ok", "  1 refused by a release rule (the message names it); router and live record unchanged",
            "  2 bad arguments or spec; nothing changed", "  3 router failure", "  4 verification failed or inconclusive,"
                + " or the watch window rolled the switch back", "  5 the deployment failed", "  6 the state (its directory"
                + " or etcd) cannot be read or written", " 70 internal error"})
public final class BlueGreenCommand {

    /** Ends the one line an internal error gets without {@code --debug}. */
    static final String REPORT_WITH_DEBUG = "; please report it with the output of the same command run with --debug";

    /** {@code bluegreen --version}: the Maven project version, which the jar's manifest carries. */
    static final class ProjectVersion implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = BlueGreenCommand.class.getPackage().getImplementationVersion();
            return new String[] {"bluegreen " + (version == null ? "(not from a built jar; version unknown)" : version)};
        }
    }

    private static final OkHttpClient HTTP = new OkHttpClient.Builder()
            .connectTimeout(Duration.ofSeconds(2))
            .readTimeout(Duration.ofSeconds(10))
            .callTimeout(Duration.ofSeconds(30))
            .build();

    @Option(names = "--spec", scope = ScopeType.INHERIT, defaultValue = "bluegreen.yaml", paramLabel = "FILE",
            description = "The service's spec file, YAML or JSON (default: ${DEFAULT-VALUE}).")
    Path specFile;

    @Option(names = "--state-dir", scope = ScopeType.INHERIT, defaultValue = ".bluegreen", paramLabel = "DIR",
            description = "Where the state and reports live (default: ${DEFAULT-VALUE}).")
    Path stateDir;

    @Option(names = "--actor", scope = ScopeType.INHERIT, defaultValue = "${sys:user.name}",
            description = "Who is acting, recorded in the audit trail (default: your user name).")
    String actor;

    @Option(names = "--debug", scope = ScopeType.INHERIT,
            description = "On an error, also print its stack trace (for a bug report).")
    boolean debug;

    @CommandLine.Spec(Target.SELF)
    CommandLine.Model.CommandSpec self;

    private final Terminal terminal;
    private final Plan dryRun;
    private final ProbeTally tally = new ProbeTally();
    private Spec spec;

    BlueGreenCommand(Terminal terminal, Plan dryRun) {
        this.terminal = terminal;
        this.dryRun = dryRun;
    }

    /** Runs the command line and returns the exit code. */
    public static int run(Terminal terminal, String... args) {
        return commandLine(terminal, null).execute(args);
    }

    static CommandLine commandLine(Terminal terminal, Plan dryRun) {
        BlueGreenCommand root = new BlueGreenCommand(terminal, dryRun);
        CommandLine commandLine = new CommandLine(root);
        commandLine.setOut(terminal.out());
        commandLine.setErr(terminal.err());
        commandLine.setCaseInsensitiveEnumValuesAllowed(true);
        commandLine.getSubcommands().get("plan").setStopAtPositional(true);
        commandLine.setExecutionExceptionHandler((error, failed, parsed) -> {
            int code = ExitCodes.of(error);
            String prefix = "bluegreen " + failed.getCommandName() + ": ";
            if (code == ExitCodes.INTERNAL) {
                terminal.err().println(prefix + "internal error: " + error + (root.debug ? ""
                        : REPORT_WITH_DEBUG));
            } else {
                terminal.err().println(prefix + error.getMessage());
            }
            if (root.debug) {
                error.printStackTrace(terminal.err());
            }
            if (failed.getParseResult().hasMatchedOption("--json")) {
                root.printJson(new JsonViews.ErrorView(JsonViews.SCHEMA, root.spec == null ? null : root.spec.definition().name(),
                        error.getMessage() == null ? error.toString() : error.getMessage(), code, ExitCodes.whatChanged(code)));
            }
            return code;
        });
        return commandLine;
    }

    /** Whether {@code --debug} is among the global options of {@code args} (not in a deploy command after {@code --}). */
    static boolean debugRequested(String... args) {
        for (String arg : args) {
            if (arg.equals("--")) {
                return false;
            }
            if (arg.equals("--debug")) {
                return true;
            }
        }
        return false;
    }

    /** The driver types a spec may name: the engine's catalogue plus the CLI's own embedded router. */
    public static Map<String, Class<? extends DriverConfig>> driverTypes() {
        Map<String, Class<? extends DriverConfig>> types = new TreeMap<>(DriverTypes.all());
        types.put(EmbeddedDriverConfig.TYPE, EmbeddedDriverConfig.class);
        return types;
    }

    public Terminal terminal() {
        return terminal;
    }

    public String actor() {
        return actor;
    }

    public Path stateDir() {
        return stateDir;
    }

    public boolean planning() {
        return dryRun != null;
    }

    /** The spec, read once. */
    public Spec spec() {
        if (spec == null) {
            spec = new SpecReader(driverTypes(), new SpecSecrets(terminal.environment()), HTTP).read(specFile);
        }
        return spec;
    }

    /** The spec's store: the JSON files in {@code --state-dir}, or the etcd cluster it names. */
    public StateStore store() {
        return spec().store().open(stateDir, new SpecSecrets(terminal.environment()), HTTP);
    }

    public BlueGreenEngine engine() {
        ReleaseLog log = line -> {
            synchronized (terminal.err()) {
                terminal.err().println((terminal.interactive() ? "\r\033[K" : "") + line);
            }
        };
        BlueGreenEngine engine = new BlueGreenEngine(store(), HTTP, Clock.systemUTC(), log)
                .withProbes(def -> tally.wrap(BlueGreenEngine.publicUrlProbe(HTTP, def)));
        return dryRun == null ? engine : engine.dryRun(dryRun, spec().definition().name());
    }

    /** A progress line for a traffic change, shown on a terminal only and not in JSON mode. */
    public Progress progress(String what, boolean json) {
        return Progress.start(terminal.interactive() && !json && !planning(), terminal.err(), tally, what);
    }

    /** Prints a JSON value on stdout. */
    public void printJson(Object value) {
        try {
            terminal.out().println(StateJson.mapper().writeValueAsString(value));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON output", e);
        }
    }

    /** The global options as arguments, to run a command again (under {@code plan}). */
    String[] globalArguments() {
        return new String[] {"--spec", specFile.toString(), "--state-dir", stateDir.toString(), "--actor", actor};
    }
}
