package io.jenkins.plugins.bluegreen.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * No stack trace reaches a user: each run is a fresh {@code bluegreen} JVM, as a user starts it, because a background
 * thread's uncaught exception goes to the process's own stderr, which an in-process run does not capture.
 */
class CliStackTraceTest {

    private static final int RUNS = 20;

    @TempDir
    Path dir;

    @Test
    void aSwitchRefusedOnDriftWhileTheWatchProbesNeverPrintsAStackTrace() throws Exception {
        Path state = dir.resolve("state");
        Path spec = writeSpec(null); // a new service: its router routes nothing until the first switch
        CliRun cli = new CliRun(spec, state);
        assertThat(cli.run("deploy", "--version", "1.0", "--", "true").exit()).isZero();
        assertThat(cli.run("switch", "--yes", "--force").exit()).isZero();
        assertThat(cli.run("deploy", "--version", "2.0", "--", "true").exit()).isZero();
        writeSpec("green"); // the router now serves green while the record says blue: every switch is refused on drift

        for (int run = 1; run <= RUNS; run++) {
            Finished refused = bluegreen("--spec", spec.toString(), "--state-dir", state.toString(), "switch", "--yes", "--force");
            assertThat(refused.exit()).as("run %d: %s", run, refused.err()).isEqualTo(ExitCodes.REFUSED);
            assertThat(refused.err()).as("run %d", run).contains("the router serves GREEN but the record says BLUE is live")
                    .doesNotContain("Exception").doesNotContain("\tat ");
        }
    }

    @Test
    void onlyDebugShowsTheStackTraceOfAnError() throws Exception {
        CliRun cli = new CliRun(writeSpec("blue"), dir.resolve("state"));
        CliRun.Result refused = cli.run("rollback");
        assertThat(refused.exit()).isEqualTo(ExitCodes.REFUSED);
        assertThat(refused.err()).contains("bluegreen rollback: billing-api: ").doesNotContain("\tat ");

        CliRun.Result debugged = cli.run("--debug", "rollback");
        assertThat(debugged.exit()).isEqualTo(ExitCodes.REFUSED);
        assertThat(debugged.err()).contains("bluegreen rollback: billing-api: ").contains("RefusedException").contains("\tat ");
    }

    /**
     * A spec whose public URL is a closed loopback port, so the watch's first probe is still connecting when the switch
     * is refused; the noop router serves {@code routerServes}, or nothing when it is null.
     */
    private Path writeSpec(String routerServes) throws IOException {
        Path spec = dir.resolve("bluegreen.yaml");
        Files.writeString(spec, """
                service: billing-api
                urls: {blue: http://127.0.0.1:9, green: http://127.0.0.1:10}
                publicUrl: http://127.0.0.1:%d/
                driver: {type: noop%s}
                """.formatted(closedPort(), routerServes == null ? "" : ", initiallyLive: " + routerServes));
        return spec;
    }

    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private record Finished(int exit, String err) {}

    private Finished bluegreen(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"), Main.class.getName()));
        command.addAll(List.of(args));
        Path err = Files.createTempFile(dir, "stderr", ".txt");
        Process process = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(err.toFile()).start();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("bluegreen did not end within 60 s");
        }
        return new Finished(process.exitValue(), Files.readString(err, StandardCharsets.UTF_8));
    }
}
