package io.jenkins.plugins.bluegreen.drivers.command;

import io.jenkins.plugins.bluegreen.driver.DriverException;
import io.jenkins.plugins.bluegreen.driver.SecretMasking;
import io.jenkins.plugins.bluegreen.driver.SecretSource;
import io.jenkins.plugins.bluegreen.model.Durations;
import java.io.File;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Runs the configured commands through {@link ShellRun}, bounded in time and output, with the configured environment
 * and secrets (masked in every message).
 */
final class ShellCommands {

    static final int STDERR_LINES = 20;
    static final int STDERR_BYTES = 2048;
    private static final int STDOUT_BYTES = 64 * 1024;

    private final CommandDriverConfig config;
    private final SecretSource secrets;
    private final Duration timeout;

    ShellCommands(CommandDriverConfig config, SecretSource secrets, Duration timeout) {
        this.config = config;
        this.secrets = secrets;
        this.timeout = timeout;
    }

    /**
     * Runs {@code command}; returns its stdout when it exits 0, or throws naming the call, exit code and stderr tail.
     *
     * @param color the colour passed as {@code $1} and {@code BG_COLOR}, or {@code null}
     */
    String run(String command, String color, String call) {
        List<String> secretValues = new ArrayList<>();
        List<String> arguments = new ArrayList<>(List.of("bluegreen"));
        if (color != null) {
            arguments.add(color);
        }
        File directory = config.workingDirectory() == null ? null : new File(config.workingDirectory());
        Consumer<Map<String, String>> environment = variables -> {
            variables.remove(CommandDriverConfig.COLOR_VARIABLE);
            variables.putAll(config.environment());
            config.secretEnvironment().forEach((name, reference) -> {
                String value = secrets.resolve("command.secretEnvironment." + name, reference);
                secretValues.add(value);
                variables.put(name, value);
            });
            if (color != null) {
                variables.put(CommandDriverConfig.COLOR_VARIABLE, color);
            }
        };
        String where = "command router: " + call + ": '" + command + "'";
        try (ShellRun run = ShellRun.run(command, arguments, directory, environment, timeout)) {
            if (!run.finished()) {
                throw new DriverException(SecretMasking.mask(where + " did not finish within " + Durations.format(timeout)
                        + " and was killed with its child processes; check what it waits for (a lock, a prompt, the"
                        + " network), or raise command.timeout" + stderrTail(run.stderr()), secretValues));
            }
            if (run.exitValue() != 0) {
                throw new DriverException(SecretMasking.mask(where + " exited with " + run.exitValue() + stderrTail(run.stderr())
                        + "\ncheck it by running it by hand" + (color == null ? "" : " with BG_COLOR=" + color),
                        secretValues));
            }
            return SecretMasking.mask(head(run.stdout()), secretValues);
        } catch (IOException e) {
            throw new DriverException(SecretMasking.mask(where + " could not be run: " + e.getMessage()
                    + "; check that sh exists and command.workingDirectory is a directory", secretValues), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DriverException(SecretMasking.mask(where + " was interrupted; its outcome is unknown", secretValues), e);
        }
    }

    /** The last lines and bytes of stderr, enough to explain a failure without flooding the log. */
    private static String stderrTail(Path stderr) throws IOException {
        byte[] tail;
        try (RandomAccessFile file = new RandomAccessFile(stderr.toFile(), "r")) {
            long start = Math.max(0, file.length() - STDERR_BYTES);
            tail = new byte[(int) (file.length() - start)];
            file.seek(start);
            file.readFully(tail);
        }
        String[] lines = new String(tail, StandardCharsets.UTF_8).strip().split("\n");
        if (lines.length == 1 && lines[0].isEmpty()) {
            return "; it wrote nothing to stderr";
        }
        List<String> last = Arrays.asList(lines).subList(Math.max(0, lines.length - STDERR_LINES), lines.length);
        return "; stderr (last " + last.size() + " lines):\n" + String.join("\n", last);
    }

    private static String head(Path stdout) throws IOException {
        byte[] bytes = new byte[(int) Math.min(Files.size(stdout), STDOUT_BYTES)];
        try (RandomAccessFile file = new RandomAccessFile(stdout.toFile(), "r")) {
            file.readFully(bytes);
        }
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
