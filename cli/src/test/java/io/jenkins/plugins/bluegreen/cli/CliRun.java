package io.jenkins.plugins.bluegreen.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.jenkins.plugins.bluegreen.store.StateJson;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/** Runs {@code bluegreen} in this JVM against a spec and a state directory, capturing what it prints. */
public final class CliRun {

    /** What one run returned and printed. */
    public record Result(int exit, String out, String err) {
        public JsonNode json() {
            try {
                return StateJson.mapper().readTree(out);
            } catch (Exception e) {
                throw new AssertionError("not JSON: " + out + "\nstderr: " + err, e);
            }
        }
    }

    private final Path spec;
    private final Path stateDir;
    private Map<String, String> environment = Map.of();
    private boolean interactive;
    private Supplier<String> typed = () -> null;

    public CliRun(Path spec, Path stateDir) {
        this.spec = spec;
        this.stateDir = stateDir;
    }

    public CliRun environment(Map<String, String> variables) {
        this.environment = variables;
        return this;
    }

    /** Pretends a person sits at a terminal and types {@code answer} when asked. */
    public CliRun interactive(String answer) {
        return interactive(() -> answer);
    }

    /** Pretends a person sits at a terminal and types what {@code person} returns, when it returns. */
    public CliRun interactive(Supplier<String> person) {
        this.interactive = true;
        this.typed = person;
        return this;
    }

    public Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        List<String> all = new ArrayList<>(List.of("--spec", spec.toString(), "--state-dir", stateDir.toString(), "--actor", "tester"));
        all.addAll(Arrays.asList(args));
        int exit = BlueGreenCommand.run(new Terminal(new PrintWriter(out, true), new PrintWriter(err, true), interactive, typed,
                environment), all.toArray(String[]::new));
        return new Result(exit, out.toString(), err.toString());
    }
}
