package io.jenkins.plugins.bluegreen.cli;

import io.jenkins.plugins.bluegreen.cli.demo.Demo;

/** Entry point of the {@code bluegreen} command. */
public final class Main {

    private Main() {}

    public static void main(String[] args) {
        // Jetty logs through SLF4J; without a provider SLF4J warns on every start, which is noise for CLI users.
        System.setProperty("slf4j.internal.verbosity", System.getProperty("slf4j.internal.verbosity", "ERROR"));
        boolean debug = BlueGreenCommand.debugRequested(args);
        // A background thread that fails must not put a stack trace in front of a user; one line says what broke.
        Thread.setDefaultUncaughtExceptionHandler((thread, error) -> {
            if (debug) {
                error.printStackTrace();
            } else {
                System.err.println("bluegreen: internal error in thread " + thread.getName() + ": " + error
                        + BlueGreenCommand.REPORT_WITH_DEBUG);
            }
        });
        Demo.answerWithoutNagleDelay();
        System.exit(BlueGreenCommand.run(Terminal.system(), args));
    }
}
