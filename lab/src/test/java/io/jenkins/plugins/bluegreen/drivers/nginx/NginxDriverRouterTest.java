package io.jenkins.plugins.bluegreen.drivers.nginx;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.bluegreen.lab.LabRouter;
import io.jenkins.plugins.bluegreen.lab.NginxLab;
import io.jenkins.plugins.bluegreen.lab.RouterDriverContract;
import io.jenkins.plugins.bluegreen.model.Color;
import io.jenkins.plugins.bluegreen.model.EventType;
import io.jenkins.plugins.bluegreen.release.Results;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The nginx driver against a real nginx on loopback: include file, {@code nginx -t}, reload, probe read-back. */
class NginxDriverRouterTest extends RouterDriverContract {

    /** Old workers close idle keep-alive connections after a reload; a request racing that close fails. */
    NginxDriverRouterTest() {
        super("nginx", NginxLab::start, false);
    }

    private NginxDriverConfig config() {
        return (NginxDriverConfig) router.driverConfig();
    }

    private String includeFile() throws IOException {
        return Files.readString(Path.of(config().includeFile()));
    }

    @Test
    void reloadThatDoesNothingIsCaughtByTheProbeAndBlueIsRestored() {
        NginxDriver noReload = new NginxDriver(config().withReloadCommand(List.of("true")), scenario.http);

        assertSwitchNotConfirmed(def.withDriver(noReload), "accepted the switch to GREEN", "reads back no single colour",
                "restored BLUE (router now reads back BLUE)");
        assertThat(driver.observeLive()).contains(Color.BLUE);
    }

    @Test
    void failingValidationPutsTheFileBackAndChangesNothing() throws IOException {
        String before = includeFile();
        NginxDriverConfig c = config();
        // nginx -t rejects an upstream host it cannot resolve: a real validation failure.
        NginxDriver unresolvable = new NginxDriver(new NginxDriverConfig(c.includeFile(), c.upstream(), c.blueAddress(),
                "no-such-host.invalid:80", c.keepalive(), c.testCommand(), c.reloadCommand(), c.probeUrl(), null, null), scenario.http);

        assertSwitchNotConfirmed(def.withDriver(unresolvable), "validate command", "exited with 1", "host not found",
                "was put back");
        assertThat(includeFile()).isEqualTo(before);
        assertThat(driver.observeLive()).contains(Color.BLUE);
    }

    @Test
    void fileWrittenButReloadFailingPutsTheFileBackAndChangesNothing() throws IOException {
        String before = includeFile();
        NginxDriver failingReload = new NginxDriver(config().withReloadCommand(List.of("sh", "-c", "echo 'nginx: [alert] kill(1234, 1) failed' >&2; exit 1")),
                scenario.http);

        assertSwitchNotConfirmed(def.withDriver(failingReload), "kill(1234, 1) failed");
        assertThat(includeFile()).isEqualTo(before);
        assertThat(scenario.state().events()).last().satisfies(e -> assertThat(e.type()).isEqualTo(EventType.SWITCH_FAILED));
        assertThat(driver.observeLive()).contains(Color.BLUE);
    }

    @Test
    void reloadThatHangsTimesOutAndTheFileIsPutBack() throws IOException {
        String before = includeFile();
        NginxDriverConfig c = config();
        NginxDriver hanging = new NginxDriver(new NginxDriverConfig(c.includeFile(), c.upstream(), c.blueAddress(), c.greenAddress(),
                c.keepalive(), c.testCommand(), List.of("sleep", "30"), c.probeUrl(), null, "1s"), scenario.http);

        assertSwitchNotConfirmed(def.withDriver(hanging), "reload command 'sleep 30' did not end within 1s");
        assertThat(includeFile()).isEqualTo(before);
        assertThat(scenario.state().events()).last().satisfies(e -> assertThat(e.type()).isEqualTo(EventType.SWITCH_FAILED));
        assertThat(driver.observeLive()).contains(Color.BLUE);
    }

    /**
     * A person may rewrite the include file by hand, in the one-line form docs/drivers/nginx.md shows or with any
     * whitespace nginx accepts; once nginx runs it, the read-back must name the colour it serves.
     */
    @Test
    void handWrittenIncludeFilesInEveryFormNginxAcceptsAreReadBack() throws Exception {
        String blue = config().blueAddress();
        String green = config().greenAddress();
        Map<String, Color> forms = new LinkedHashMap<>();
        forms.put("upstream app { server " + green + "; keepalive 32; }\n", Color.GREEN);
        forms.put("upstream\tapp\n{\n\tserver\n\t\t" + blue + "\tweight=1 ;\n}", Color.BLUE);
        forms.put("upstream app{server " + green + ";}", Color.GREEN);
        forms.put("# server 10.0.0.1:1;\r\nupstream app {  server   \"" + blue + "\"  max_fails=0 ;  # live: blue\r\n }\r\n", Color.BLUE);
        for (Map.Entry<String, Color> form : forms.entrySet()) {
            Files.writeString(Path.of(config().includeFile()), form.getKey());
            Process reload = new ProcessBuilder(config().reloadCommand()).redirectErrorStream(true).start();
            assertThat(reload.waitFor()).as("nginx reload of %s: %s", form.getKey(), new String(reload.getInputStream().readAllBytes()))
                    .isZero();

            assertThat(readBackWithin(Duration.ofSeconds(5), form.getValue())).as("read back of %s", form.getKey()).contains(form.getValue());
        }
        Results.Status status = scenario.engine.status(def);
        assertThat(status.observed()).contains(Color.BLUE);
        assertThat(status.drift()).isNull();
    }

    /** nginx's new workers take over a moment after the reload command returns. */
    private Optional<Color> readBackWithin(Duration limit, Color expected) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        Optional<Color> observed = driver.observeLive();
        while (!observed.equals(Optional.of(expected)) && System.nanoTime() < deadline) {
            Thread.sleep(50);
            observed = driver.observeLive();
        }
        return observed;
    }

    @Test
    void includeFileNamesTheLiveColoursAddress() throws IOException {
        assertThat(includeFile()).contains("upstream app {", "server " + config().blueAddress() + ";", "keepalive 32;");
    }
}
