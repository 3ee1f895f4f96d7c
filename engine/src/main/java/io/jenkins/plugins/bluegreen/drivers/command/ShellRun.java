package io.jenkins.plugins.bluegreen.drivers.command;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * One {@code sh -c} run, bounded in time: the way the engine runs a user's command (the command driver's calls, the
 * drift check's fingerprint command). Stdin is {@code /dev/null}; stdout and stderr go to temporary files rather than
 * pipes, so a chatty command can never block on a full pipe and a stray child holding the pipe open cannot hang the
 * caller. A command that overruns is killed with its child processes. Closing deletes the output files.
 */
public final class ShellRun implements AutoCloseable {

    private final Process process;
    private final boolean finished;
    private final Path stdout;
    private final Path stderr;

    private ShellRun(Process process, boolean finished, Path stdout, Path stderr) {
        this.process = process;
        this.finished = finished;
        this.stdout = stdout;
        this.stderr = stderr;
    }

    /**
     * Runs {@code sh -c command arguments...} and waits for it, at most {@code timeout}.
     *
     * @param arguments {@code $0}, {@code $1}, ... of the command
     * @param directory the working directory, or {@code null} for the current one
     * @param environment edits the environment the command inherits
     */
    public static ShellRun run(String command, List<String> arguments, File directory,
            Consumer<Map<String, String>> environment, Duration timeout) throws IOException, InterruptedException {
        List<String> line = new ArrayList<>(List.of("sh", "-c", command));
        line.addAll(arguments);
        ProcessBuilder builder = new ProcessBuilder(line).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .directory(directory);
        environment.accept(builder.environment());
        Path stdout = null;
        Path stderr = null;
        try {
            stdout = Files.createTempFile("bluegreen-stdout", ".txt");
            stderr = Files.createTempFile("bluegreen-stderr", ".txt");
            Process process = builder.redirectOutput(stdout.toFile()).redirectError(stderr.toFile()).start();
            boolean finished = process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (!finished) {
                killTree(process);
            }
            return new ShellRun(process, finished, stdout, stderr);
        } catch (IOException | InterruptedException | RuntimeException e) {
            deleteQuietly(stdout);
            deleteQuietly(stderr);
            throw e;
        }
    }

    /** False when the command overran its timeout and was killed. */
    public boolean finished() {
        return finished;
    }

    /** The exit code; only meaningful when {@link #finished()}. */
    public int exitValue() {
        return process.exitValue();
    }

    public Path stdout() {
        return stdout;
    }

    public Path stderr() {
        return stderr;
    }

    @Override
    public void close() {
        deleteQuietly(stdout);
        deleteQuietly(stderr);
    }

    /** Children first, so none is left orphaned to carry on after its parent is gone. */
    private static void killTree(Process process) throws InterruptedException {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        process.waitFor(5, TimeUnit.SECONDS);
    }

    private static void deleteQuietly(Path file) {
        if (file != null) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                file.toFile().deleteOnExit();
            }
        }
    }
}
