package io.jenkins.plugins.bluegreen.release;

/** Where the engine tells what it is doing: the Jenkins console, the CLI's terminal, a test's list. */
@FunctionalInterface
public interface ReleaseLog {

    void info(String line);

    static ReleaseLog silent() {
        return line -> {};
    }
}
