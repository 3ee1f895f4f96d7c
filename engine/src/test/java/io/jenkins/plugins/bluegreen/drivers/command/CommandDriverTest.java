package io.jenkins.plugins.bluegreen.drivers.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.bluegreen.driver.DriverException;
import io.jenkins.plugins.bluegreen.driver.SecretSource;
import io.jenkins.plugins.bluegreen.driver.TrafficDriver;
import io.jenkins.plugins.bluegreen.model.Color;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real {@code sh -c} commands that keep the "router's" live colour in a temporary file. */
class CommandDriverTest {

    static final String TOKEN = "cmd-SECRET-3be8d0";
    static final SecretSource SECRETS = (field, reference) -> {
        assertThat(reference).isEqualTo("env:LB_TOKEN");
        return TOKEN;
    };

    @TempDir
    Path dir;

    @Test
    void switchPassesTheColourAsArgumentAndBgColorAndObserveReadsStdout() throws Exception {
        TrafficDriver driver = driver(
                "test \"$1\" = \"$BG_COLOR\" && printf '%s\\n' \"$BG_COLOR\" > \"$STATE\"",
                "echo 'pool shop:'; cat \"$STATE\"", null, "10s");

        driver.switchTo(Color.GREEN);
        assertThat(Files.readString(dir.resolve("live"))).isEqualTo("green\n");
        assertThat(driver.observeLive()).contains(Color.GREEN);

        driver.switchTo(Color.BLUE);
        assertThat(driver.observeLive()).contains(Color.BLUE);
        assertThat(driver.health().healthy()).isTrue();
    }

    @Test
    void observeReadsNeitherColourAsUnknown() throws Exception {
        TrafficDriver driver = driver("true", "cat \"$STATE\"", null, "10s");

        Files.writeString(dir.resolve("live"), "canary\n");
        assertThat(driver.observeLive()).isEmpty();
        Files.writeString(dir.resolve("live"), "");
        assertThat(driver.observeLive()).isEmpty();
    }

    @Test
    void secretEnvironmentReachesTheCommandButNeverTheMessage() {
        // the command checks the token, then fails noisily echoing it, as a verbose CLI or 'set -x' would
        TrafficDriver driver = driver(
                "test \"$LB_TOKEN\" = '" + TOKEN + "' && echo \"$1\" > \"$STATE\" && echo \"auth with $LB_TOKEN failed\" >&2 && exit 4",
                "cat \"$STATE\"", null, "10s");

        assertThatThrownBy(() -> driver.switchTo(Color.GREEN))
                .isInstanceOf(DriverException.class)
                .hasMessageContaining("exited with 4")
                .hasMessageContaining("auth with **** failed")
                .message().doesNotContain(TOKEN);
        assertThat(driver.observeLive()).contains(Color.GREEN);
    }

    @Test
    void aFailingCommandReportsItsExitCodeAndTheTailOfItsStderr() {
        TrafficDriver driver = driver(
                "i=1; while [ $i -le 30 ]; do printf 'err-line-%02d\\n' $i >&2; i=$((i+1)); done; exit 3",
                "cat \"$STATE\"", null, "10s");

        assertThatThrownBy(() -> driver.switchTo(Color.GREEN))
                .isInstanceOf(DriverException.class)
                .hasMessageContaining("command router: switch to green")
                .hasMessageContaining("exited with 3")
                .hasMessageContaining("stderr (last 20 lines)")
                .hasMessageContaining("err-line-11\n")
                .hasMessageContaining("err-line-30")
                .hasMessageNotContaining("err-line-10")
                .hasMessageContaining("BG_COLOR=green");
    }

    @Test
    void aFloodOfStderrIsCutToItsLastTwoKilobytes() {
        TrafficDriver driver = driver("head -c 200000 /dev/zero | tr '\\0' 'x' >&2; echo; echo 'the real reason' >&2; exit 1",
                "cat \"$STATE\"", null, "10s");

        assertThatThrownBy(() -> driver.switchTo(Color.BLUE))
                .isInstanceOf(DriverException.class)
                .hasMessageContaining("the real reason")
                .satisfies(e -> assertThat(e.getMessage().length()).isLessThan(ShellCommands.STDERR_BYTES + 400));
    }

    @Test
    void aCommandThatOutlivesTheTimeoutIsKilledWithItsChildren() throws Exception {
        Path pidFile = dir.resolve("child.pid");
        TrafficDriver driver = driver("sleep 60 & echo $! > \"" + pidFile + "\"; wait", "cat \"$STATE\"", null, "500ms");

        assertThatThrownBy(() -> driver.switchTo(Color.GREEN))
                .isInstanceOf(DriverException.class)
                .hasMessageContaining("did not finish within 500ms")
                .hasMessageContaining("killed with its child processes")
                .hasMessageContaining("command.timeout");

        long childPid = Long.parseLong(Files.readString(pidFile).strip());
        assertThat(gone(childPid, Duration.ofSeconds(10))).as("sleep child %d is gone", childPid).isTrue();
    }

    @Test
    void healthUsesItsOwnCommandWhenGiven() {
        TrafficDriver driver = driver("true", "cat \"$STATE\"", "echo 'lb unreachable' >&2; exit 2", "10s");

        TrafficDriver.Health health = driver.health();

        assertThat(health.healthy()).isFalse();
        assertThat(health.detail()).contains("health check", "exited with 2", "lb unreachable");
    }

    @Test
    void aMissingWorkingDirectoryIsReportedClearly() {
        TrafficDriver driver = new CommandDriverConfig("true", "echo blue", null, dir.resolve("missing").toString(),
                null, null, null).create(new OkHttpClient(), SECRETS);

        assertThatThrownBy(driver::observeLive)
                .isInstanceOf(DriverException.class)
                .hasMessageContaining("could not be run")
                .hasMessageContaining("command.workingDirectory");
    }

    @Test
    void commandsRunInTheWorkingDirectoryWithTheConfiguredEnvironment() throws Exception {
        TrafficDriver driver = new CommandDriverConfig("true", "test \"$(pwd)\" = \"" + dir.toRealPath() + "\" && echo \"$LIVE\"",
                null, dir.toString(), Map.of("LIVE", "green"), null, null).create(new OkHttpClient(), SECRETS);

        assertThat(driver.observeLive()).isEqualTo(Optional.of(Color.GREEN));
    }

    TrafficDriver driver(String switchCommand, String observeCommand, String healthCommand, String timeout) {
        return new CommandDriverConfig(switchCommand, observeCommand, healthCommand, null,
                Map.of("STATE", dir.resolve("live").toString()), Map.of("LB_TOKEN", "env:LB_TOKEN"), timeout)
                .create(new OkHttpClient(), SECRETS);
    }

    /** Waits (generously) for the process to disappear; the kill is asynchronous. */
    static boolean gone(long pid, Duration patience) throws InterruptedException {
        Instant deadline = Instant.now().plus(patience);
        while (Instant.now().isBefore(deadline)) {
            if (ProcessHandle.of(pid).map(handle -> !handle.isAlive()).orElse(true)) {
                return true;
            }
            Thread.sleep(50);
        }
        return false;
    }
}
