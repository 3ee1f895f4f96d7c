package io.jenkins.plugins.bluegreen.lab;

import static org.junit.jupiter.api.Assertions.fail;

import org.junit.jupiter.api.Assumptions;

/** Router tests need the real program: missing, they fail on CI (CI=true) and are skipped loudly elsewhere. */
public final class RequireRouter {

    private RequireRouter() {}

    public static void installed(String program) {
        if (RouterBinaries.find(program).isPresent()) {
            return;
        }
        String message = "!!! " + program + " is not installed, so its router tests cannot run. Install it ('apt-get install "
                + program + "'). Skipped here; on CI (CI=true) this is a failure.";
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            fail(message);
        }
        System.err.println(message);
        Assumptions.abort(message);
    }
}
