package io.jenkins.plugins.bluegreen.lab;

import static org.junit.jupiter.api.Assertions.fail;

import org.junit.jupiter.api.Assumptions;

/**
 * What some tests need from the machine: a router program (nginx, HAProxy, Caddy) or root to mount a tmpfs. A test
 * whose prerequisite is missing is skipped with a message naming it, so {@code mvn verify} passes on a fresh machine.
 * Where the machine is set up for every test (.ci/run installs the routers), {@value #PROPERTY}=true makes a missing
 * prerequisite a failure instead, so nothing is skipped there unnoticed. Engine and CLI tests share this class.
 */
public final class TestPrerequisites {

    /** The system property that turns a missing prerequisite from a skip into a failure. */
    public static final String PROPERTY = "bluegreen.requireTestPrerequisites";

    private TestPrerequisites() {}

    /** Skips (or, when required, fails) the calling test unless {@code program} is installed. */
    public static void requireProgram(String program) {
        requireProgram(program, program);
    }

    /** The same for a program whose Debian package has another name ({@code named} is in {@code bind9}). */
    public static void requireProgram(String program, String debianPackage) {
        require(RouterBinaries.find(program).isPresent(), program + " is not installed",
                "install it (apt-get install " + debianPackage + ")");
    }

    /**
     * Skips (or, when required, fails) the calling test unless {@code met}.
     *
     * @param missing what is missing, e.g. "haproxy is not installed"
     * @param remedy how to provide it, e.g. "install it (apt-get install haproxy)"
     */
    public static void require(boolean met, String missing, String remedy) {
        boolean required = Boolean.getBoolean(PROPERTY);
        if (!met && !required) {
            System.err.println(skipMessage(missing, remedy)); // surefire's summary counts skips but does not say why
        }
        check(met, missing, remedy, required);
    }

    static void check(boolean met, String missing, String remedy, boolean required) {
        if (met) {
            return;
        }
        if (required) {
            fail(missing + ", and -D" + PROPERTY + "=true requires every test to run: " + remedy + ".");
        }
        Assumptions.abort(skipMessage(missing, remedy));
    }

    private static String skipMessage(String missing, String remedy) {
        return "SKIPPED: " + missing + "; " + remedy + " to run this test (with -D" + PROPERTY
                + "=true, as .ci/run sets, this is a failure).";
    }
}
