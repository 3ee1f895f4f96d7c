package io.jenkins.plugins.bluegreen.cli;

import io.jenkins.plugins.bluegreen.lab.Bench;
import io.jenkins.plugins.bluegreen.lab.DriftBench;
import io.jenkins.plugins.bluegreen.model.BadInputException;
import io.jenkins.plugins.bluegreen.model.Durations;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

@Command(name = "bench", mixinStandardHelpOptions = true,
        description = {"Measures, under the same keep-alive load on 127.0.0.1, each installed router's bare switch mechanism,"
                + " the bluegreen driver through the engine, and a naive in-place restart; prints a markdown table.",
            "Bounded: every run is --duration of load; the whole bench is routers x 3 methods x --runs of them.",
            "--drift measures only the configuration drift comparison of a 10,000-key configuration (seconds, no router)."})
final class BenchCommand implements Callable<Integer> {

    @ParentCommand
    BlueGreenCommand root;

    @Option(names = "--router", paramLabel = "ROUTER", split = ",",
            description = "haproxy, nginx and/or caddy (default: every one installed here).")
    List<String> routers;

    @Option(names = "--duration", defaultValue = "8s", paramLabel = "D", description = "Load per run, whole seconds from 4s to 5m (default: ${DEFAULT-VALUE}).")
    String duration;

    @Option(names = "--connections", defaultValue = "50", description = "Keep-alive connections of the load (default: ${DEFAULT-VALUE}).")
    int connections;

    @Option(names = "--runs", defaultValue = "3", description = "Runs per router and method (default: ${DEFAULT-VALUE}).")
    int runs;

    @Option(names = "--builtin-load", description = "Use the built-in load generator even when wrk is installed.")
    boolean builtinLoad;

    @Option(names = "--json", description = "Print the rows as JSON instead of a markdown table.")
    boolean json;

    @Option(names = "--output", paramLabel = "FILE",
            description = "Also write the whole benchmark document (machine, date, table, goals) to FILE, e.g. docs/benchmarks.md;"
                    + " with --drift, only its configuration drift section is replaced (or appended) and the rest is kept.")
    Path output;

    @Option(names = "--drift", description = "Measure only the configuration drift comparison on a 10,000-key configuration.")
    boolean driftOnly;

    @Override
    public Integer call() {
        if (driftOnly) {
            return benchDriftComparison();
        }
        Bench.Settings defaults = Bench.Settings.defaults();
        Bench.Settings settings;
        try {
            settings = new Bench.Settings(Durations.parse("--duration", duration), connections, runs,
                    routers == null ? defaults.routers() : routers, defaults.useWrk() && !builtinLoad);
        } catch (BadInputException e) {
            throw e.field().startsWith("--") ? e : new BadInputException(optionOf(e.field()), e.getMessage().substring(e.field().length() + 2));
        }
        if (settings.routers().isEmpty()) {
            throw new BadInputException("--router", "no router is installed here (haproxy, nginx or caddy); install one to bench it");
        }
        List<Bench.Row> rows = Bench.run(settings, line -> root.terminal().err().println("bench: " + line));
        if (output != null) {
            String command = "bluegreen bench --runs " + runs + " --duration " + duration + " --connections " + connections
                    + (builtinLoad ? " --builtin-load" : "");
            String date = LocalDate.now(ZoneOffset.UTC).toString();
            write(output, DriftBench.withSection(Bench.document(rows, settings, command, Machine.describe(), date),
                    DriftBench.section(DriftBench.run(DriftBench.RUNS), command, date)));
            root.terminal().err().println("bench: wrote " + output);
        }
        if (json) {
            root.printJson(rows);
        } else {
            root.terminal().out().println(Bench.markdown(rows, settings));
        }
        return ExitCodes.OK;
    }

    private int benchDriftComparison() {
        DriftBench.Result result = DriftBench.run(DriftBench.RUNS);
        String section = DriftBench.section(result, "bluegreen bench --drift" + (output == null ? "" : " --output " + output),
                LocalDate.now(ZoneOffset.UTC).toString());
        if (output != null) {
            write(output, DriftBench.withSection(read(output), section));
            root.terminal().err().println("bench: wrote the configuration drift section of " + output);
        }
        if (json) {
            root.printJson(result);
        } else {
            root.terminal().out().println(section);
        }
        return ExitCodes.OK;
    }

    private static String read(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file) : "";
        } catch (IOException e) {
            throw new BadInputException("--output", "cannot read " + file + ": " + e.getMessage());
        }
    }

    private static void write(Path file, String text) {
        try {
            Files.writeString(file, text);
        } catch (IOException e) {
            throw new BadInputException("--output", "cannot write " + file + ": " + e.getMessage());
        }
    }

    /** The bench names its settings; the command line calls them by its options. */
    private static String optionOf(String setting) {
        return switch (setting) {
            case "routers" -> "--router";
            case "useWrk" -> "--builtin-load";
            default -> "--" + setting;
        };
    }
}
