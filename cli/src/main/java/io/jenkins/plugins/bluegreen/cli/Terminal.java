package io.jenkins.plugins.bluegreen.cli;

import java.io.PrintWriter;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Where the CLI talks: results on {@code out}, the engine's log and errors on {@code err}.
 *
 * @param interactive whether a person is at a terminal (progress lines, approval prompts)
 * @param readLine reads one line typed by that person, or {@code null} at end of input
 * @param environment the process environment (secret references, deploy command)
 */
public record Terminal(PrintWriter out, PrintWriter err, boolean interactive, Supplier<String> readLine, Map<String, String> environment) {

    /** The real terminal of this process. */
    public static Terminal system() {
        java.io.Console console = System.console();
        return new Terminal(new PrintWriter(System.out, true), new PrintWriter(System.err, true), console != null,
                console == null ? () -> null : console::readLine, System.getenv());
    }
}
