package io.jenkins.plugins.bluegreen.cli;

import io.jenkins.plugins.bluegreen.lab.Bench;
import io.jenkins.plugins.bluegreen.lab.BenchSections;
import io.jenkins.plugins.bluegreen.lab.DnsBench;
import io.jenkins.plugins.bluegreen.lab.DriftBench;
import io.jenkins.plugins.bluegreen.lab.FleetBench;
import io.jenkins.plugins.bluegreen.lab.StoreBench;
import io.jenkins.plugins.bluegreen.lab.SessionBench;
import io.jenkins.plugins.bluegreen.model.BadInputException;
import io.jenkins.plugins.bluegreen.model.Durations;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

@Command(name = "bench", mixinStandardHelpOptions = true,
        description = {"Measures, under the same keep-alive load on 127.0.0.1, each installed router's bare switch mechanism,"
                + " the bluegreen driver through the engine, and a naive in-place restart; prints a markdown table.",
            "Bounded: every run is --duration of load; the whole bench is routers x 3 methods x --runs of them.",
            "dns (BIND, Knot and unbound installed): how fast a switch reaches fresh resolutions through unbound, with the"
                + " prepare step (which waits --dns-ttl out first) and without it (bounded by --dns-bound); one run each.",
            "--drift measures only the configuration drift comparison of a 10,000-key configuration (seconds, no router).",
            "--store measures only the switch call with the state on a 3-member etcd cluster vs the file store (etcd"
                + " installed; the whole bench includes it too when etcd is installed).",
            "--fleet measures only router fleets: 1, 2, 4 and 8 HAProxy switched as one, each under its own load (also part of"
                + " the whole bench when haproxy is benched).",
            "Sticky sessions (haproxy): the same sticky clients through a plain switch and through 'sessions: drain',"
                + " counting broken sessions; --runs runs of --duration each."})
final class BenchCommand implements Callable<Integer> {

    @ParentCommand
    BlueGreenCommand root;

    @Option(names = "--router", paramLabel = "ROUTER", split = ",",
            description = "haproxy, nginx, nginx-lua, caddy, caddy-dynamic and/or dns (default: every one installed here).")
    List<String> routers;

    @Option(names = "--dns-ttl", defaultValue = "300s", paramLabel = "D", description = "dns: the record's TTL before the release (default: ${DEFAULT-VALUE}).")
    String dnsTtl;

    @Option(names = "--dns-switch-ttl", defaultValue = "5s", paramLabel = "D", description = "dns: the TTL prepare lowers it to (default: ${DEFAULT-VALUE}).")
    String dnsSwitchTtl;

    @Option(names = "--dns-bound", defaultValue = "30s", paramLabel = "D", description = "dns: how long the unprepared run watches (default: ${DEFAULT-VALUE}).")
    String dnsBound;

    @Option(names = "--duration", defaultValue = "8s", paramLabel = "D", description = "Load per run, whole seconds from 4s to 5m (default: ${DEFAULT-VALUE}).")
    String duration;

    @Option(names = "--connections", defaultValue = "50", description = "Keep-alive connections of the load (default: ${DEFAULT-VALUE}).")
    int connections;

    @Option(names = "--runs", defaultValue = "3", description = "Runs per router and method (default: ${DEFAULT-VALUE}).")
    int runs;

    @Option(names = "--builtin-load", description = "Use the built-in load generator even when wrk is installed.")
    boolean builtinLoad;

    @Option(names = "--json", description = "Print the rows as JSON ({routers: [...], dns: [...]}) instead of markdown tables.")
    boolean json;

    @Option(names = "--output", paramLabel = "FILE",
            description = "Also write the whole benchmark document (machine, date, table, goals) to FILE, e.g. docs/benchmarks.md;"
                    + " with --drift, only its configuration drift section is replaced (or appended) and the rest is kept.")
    Path output;

    @Option(names = "--drift", description = "Measure only the configuration drift comparison on a 10,000-key configuration.")
    boolean driftOnly;

    @Option(names = "--store", description = "Measure only the switch call with the etcd store vs the file store.")
    boolean storeOnly;

    @Option(names = "--fleet", description = "Measure only router fleets: 1, 2, 4 and 8 HAProxy switched as one.")
    boolean fleetOnly;

    /** The rows of one bench: the routers' under load, the DNS convergence rows, the router fleets' and the sticky sessions'. */
    record Rows(List<Bench.Row> routers, List<DnsBench.Row> dns, List<FleetBench.Row> fleet, List<SessionBench.Row> sessions) {}

    @Override
    public Integer call() {
        if (driftOnly) {
            DriftBench.Result result = DriftBench.run(DriftBench.RUNS);
            return onlySection(result, DriftBench.HEADING, DriftBench.section(result, onlyCommand("--drift"), today()));
        }
        if (storeOnly) {
            if (!StoreBench.installed()) {
                throw new BadInputException("--store", "needs etcd installed (apt-get install etcd-server)");
            }
            StoreBench.Result result = StoreBench.run(StoreBench.RUNS, this::progress);
            return onlySection(result, StoreBench.HEADING, StoreBench.section(result, onlyCommand("--store"), today()));
        }
        if (fleetOnly) {
            return benchFleets();
        }
        Bench.Settings defaults = Bench.Settings.defaults();
        List<String> httpRouters = new ArrayList<>(routers == null ? defaults.routers() : routers);
        boolean dns = routers == null ? DnsBench.installed() : httpRouters.remove("dns");
        Bench.Settings settings;
        DnsBench.Settings dnsSettings;
        try {
            settings = new Bench.Settings(Durations.parse("--duration", duration), connections, runs, httpRouters,
                    defaults.useWrk() && !builtinLoad);
            dnsSettings = new DnsBench.Settings(Durations.parse("--dns-ttl", dnsTtl), Durations.parse("--dns-switch-ttl", dnsSwitchTtl),
                    Durations.parse("--dns-bound", dnsBound));
        } catch (BadInputException e) {
            throw e.field().startsWith("--") ? e : new BadInputException(optionOf(e.field()), e.getMessage().substring(e.field().length() + 2));
        }
        if (settings.routers().isEmpty() && !dns) {
            throw new BadInputException("--router", "no router is installed here (haproxy, nginx, nginx-lua, caddy, caddy-dynamic, or named, knotd and"
                    + " unbound for dns); install one to bench it");
        }
        if (dns && !DnsBench.installed()) {
            throw new BadInputException("--router", "dns needs named, knotd and unbound installed (apt-get install bind9 knot unbound)");
        }
        List<Bench.Row> rows = settings.routers().isEmpty() ? List.of() : Bench.run(settings, this::progress);
        List<DnsBench.Row> dnsRows = dns ? DnsBench.run(dnsSettings, this::progress) : List.of();
        FleetBench.Settings fleetSettings = fleetSettings();
        List<FleetBench.Row> fleetRows = settings.routers().contains("haproxy") ? FleetBench.run(fleetSettings, this::progress) : List.of();
        List<SessionBench.Row> sessionRows = SessionBench.run(SessionBench.routers(settings.routers()), settings.duration(), runs,
                this::progress);
        if (output != null) {
            String command = "bluegreen bench --runs " + runs + " --duration " + duration + " --connections " + connections
                    + (builtinLoad ? " --builtin-load" : "") + (routers == null ? "" : " --router " + String.join(",", routers))
                    + (dns ? " --dns-ttl " + dnsTtl + " --dns-switch-ttl " + dnsSwitchTtl + " --dns-bound " + dnsBound : "");
            String date = today();
            String document = BenchSections.withSection(Bench.document(rows, settings, dnsRows, command, Machine.describe(), date),
                    DriftBench.HEADING, DriftBench.section(DriftBench.run(DriftBench.RUNS), command, date));
            if (!fleetRows.isEmpty()) {
                document = BenchSections.withSection(document, FleetBench.HEADING, FleetBench.section(fleetRows, fleetSettings, command, date));
            }
            if (StoreBench.installed()) {
                document = BenchSections.withSection(document, StoreBench.HEADING,
                        StoreBench.section(StoreBench.run(StoreBench.RUNS, this::progress), command, date));
            }
            if (!sessionRows.isEmpty()) {
                document = BenchSections.withSection(document, SessionBench.HEADING, SessionBench.section(sessionRows));
            }
            write(output, document);
            root.terminal().err().println("bench: wrote " + output);
        }
        if (json) {
            root.printJson(new Rows(rows, dnsRows, fleetRows, sessionRows));
        } else {
            root.terminal().out().println((rows.isEmpty() ? "" : Bench.markdown(rows, settings) + "\n")
                    + (dnsRows.isEmpty() ? "" : DnsBench.markdown(dnsRows))
                    + (fleetRows.isEmpty() ? "" : "\n" + FleetBench.section(fleetRows, fleetSettings, "bluegreen bench", today()))
                    + (sessionRows.isEmpty() ? "" : "\n" + SessionBench.section(sessionRows)));
        }
        return ExitCodes.OK;
    }

    private FleetBench.Settings fleetSettings() {
        FleetBench.Settings defaults = FleetBench.Settings.defaults();
        try {
            return new FleetBench.Settings(defaults.sizes(), runs, defaults.connections());
        } catch (BadInputException e) {
            throw new BadInputException(optionOf(e.field()), e.getMessage().substring(e.field().length() + 2));
        }
    }

    private int benchFleets() {
        if (!FleetBench.installed()) {
            throw new BadInputException("--fleet", "haproxy is not installed; install it to bench router fleets");
        }
        FleetBench.Settings settings = fleetSettings();
        List<FleetBench.Row> rows = FleetBench.run(settings, this::progress);
        return onlySection(rows, FleetBench.HEADING, FleetBench.section(rows, settings, onlyCommand("--fleet --runs " + runs), today()));
    }

    /** Measures one section alone; with {@code --output} only that section of the document is replaced or appended. */
    private int onlySection(Object result, String heading, String section) {
        if (output != null) {
            write(output, BenchSections.withSection(read(output), heading, section));
            root.terminal().err().println("bench: wrote the section '" + heading.substring(3) + "' of " + output);
        }
        if (json) {
            root.printJson(result);
        } else {
            root.terminal().out().println(section);
        }
        return ExitCodes.OK;
    }

    private String onlyCommand(String flag) {
        return "bluegreen bench " + flag + (output == null ? "" : " --output " + output);
    }

    private static String today() {
        return LocalDate.now(ZoneOffset.UTC).toString();
    }

    private static String read(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file) : "";
        } catch (IOException e) {
            throw new BadInputException("--output", "cannot read " + file + ": " + e.getMessage());
        }
    }

    private void progress(String line) {
        root.terminal().err().println("bench: " + line);
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
            case "initialTtl" -> "--dns-ttl";
            case "switchTtl" -> "--dns-switch-ttl";
            case "unpreparedBound" -> "--dns-bound";
            default -> "--" + setting;
        };
    }
}
