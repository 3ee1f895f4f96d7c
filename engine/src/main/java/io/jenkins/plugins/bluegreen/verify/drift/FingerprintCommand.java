package io.jenkins.plugins.bluegreen.verify.drift;

import io.jenkins.plugins.bluegreen.drivers.command.ShellRun;
import io.jenkins.plugins.bluegreen.model.Durations;
import io.jenkins.plugins.bluegreen.verify.CheckTarget;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Runs a fingerprint command with {@code sh -c} (through the command driver's {@link ShellRun}, the engine's one way
 * to run a user's command) and reads the {@code key=value} lines it prints.
 */
final class FingerprintCommand {

    /** More output than any configuration needs; a runaway command is not read to the end. */
    private static final long MAX_OUTPUT_BYTES = 32L * 1024 * 1024;
    private static final int STDERR_CHARS = 300;

    private FingerprintCommand() {}

    static Map<String, String> run(String command, CheckTarget target, Duration timeout) throws FingerprintException {
        String where = "the fingerprint command '" + command + "' for " + target.color().name();
        Consumer<Map<String, String>> environment = variables -> {
            variables.put("BG_SERVICE", target.service());
            variables.put("BG_COLOR", target.color().label());
            variables.put("BG_URL", target.baseUrl() == null ? "" : target.baseUrl());
            variables.put("BG_VERSION", target.version() == null ? "" : target.version());
        };
        try (ShellRun run = ShellRun.run(command, List.of(), null, environment, timeout)) {
            if (!run.finished()) {
                throw new FingerprintException(where + " did not finish within " + Durations.format(timeout)
                        + " and was killed; check what it waits for, or raise fingerprint.timeout");
            }
            if (run.exitValue() != 0) {
                throw new FingerprintException(where + " exited with " + run.exitValue() + stderrTail(run.stderr())
                        + "; run it by hand with BG_COLOR=" + target.color().label() + " to see why");
            }
            if (Files.size(run.stdout()) > MAX_OUTPUT_BYTES) {
                throw new FingerprintException(where + " printed more than " + MAX_OUTPUT_BYTES / (1024 * 1024)
                        + " MiB; print only the configuration, one key=value per line");
            }
            return parse(Files.readAllLines(run.stdout(), StandardCharsets.UTF_8), where);
        } catch (IOException e) {
            throw new FingerprintException(where + " could not be run: " + e.getMessage() + "; check that sh exists");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new FingerprintException(where + " was interrupted");
        }
    }

    /** {@code key=value} lines; blank lines and {@code #} comments are skipped. The error never quotes a line. */
    static Map<String, String> parse(List<String> lines, String where) throws FingerprintException {
        Map<String, String> values = new HashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            int equals = line.indexOf('=');
            if (equals <= 0) {
                throw new FingerprintException(where + " printed line " + (i + 1) + " without a key before '='; print"
                        + " one key=value per line");
            }
            values.put(line.substring(0, equals).strip(), line.substring(equals + 1).strip());
        }
        return values;
    }

    private static String stderrTail(Path stderr) throws IOException {
        String text = Files.readString(stderr, StandardCharsets.UTF_8).strip();
        if (text.isEmpty()) {
            return " and wrote nothing to stderr";
        }
        return ": " + (text.length() > STDERR_CHARS ? "..." + text.substring(text.length() - STDERR_CHARS) : text);
    }
}
