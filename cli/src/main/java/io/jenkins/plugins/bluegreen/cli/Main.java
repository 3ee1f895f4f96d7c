package io.jenkins.plugins.bluegreen.cli;

import io.jenkins.plugins.bluegreen.cli.demo.Demo;

/** Entry point of the {@code bluegreen} command. */
public final class Main {

    private Main() {}

    public static void main(String[] args) {
        // Jetty logs through SLF4J; without a provider SLF4J warns on every start, which is noise for CLI users.
        System.setProperty("slf4j.internal.verbosity", System.getProperty("slf4j.internal.verbosity", "ERROR"));
        Demo.answerWithoutNagleDelay();
        System.exit(BlueGreenCommand.run(Terminal.system(), args));
    }
}
