package io.jenkins.plugins.bluegreen.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.bluegreen.lab.TestPrerequisites;
import io.jenkins.plugins.bluegreen.model.Color;
import io.jenkins.plugins.bluegreen.model.Event;
import io.jenkins.plugins.bluegreen.model.EventType;
import io.jenkins.plugins.bluegreen.model.ServiceState;
import io.jenkins.plugins.bluegreen.model.StateMachine;
import io.jenkins.plugins.bluegreen.store.JsonFileStateStore;
import io.jenkins.plugins.bluegreen.store.StateStoreException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StoreFaultTest {

    private static final Instant AT = Instant.parse("2026-11-22T10:00:00Z");

    @TempDir
    Path dir;

    /** A real full disk: a 64 KiB tmpfs, mounted for this test. Needs root (skipped without, unless required). */
    @Test
    void aFullDiskLeavesTheOldStateIntactWithAClearError() throws Exception {
        Path mount = dir.resolve("small-disk");
        Files.createDirectories(mount);
        boolean mounted = run("mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", mount.toString());
        TestPrerequisites.require(mounted, "cannot mount a 64 KiB tmpfs for the disk-full scenario",
                "run the tests as root (.ci/run does)");
        try {
            JsonFileStateStore store = new JsonFileStateStore(mount);
            ServiceState saved = store.save(StateMachine.startDeploy(store.load("shop"), Color.BLUE, "1.0", List.of(), "a", AT));
            byte[] before = Files.readAllBytes(mount.resolve("shop.json"));
            Files.write(mount.resolve("filler"), new byte[48 * 1024]);
            ServiceState big = saved;
            for (int i = 0; i < 200; i++) {
                big = big.record(new Event(EventType.DRIFT_DETECTED, null, null, "a", AT, "x".repeat(100)));
            }
            ServiceState tooBig = big;

            assertThatThrownBy(() -> store.save(tooBig))
                    .isInstanceOf(StateStoreException.class)
                    .hasMessageContaining("cannot save " + mount.resolve("shop.json"))
                    .hasMessageContaining("the previous state is intact")
                    .hasMessageContaining("Free disk space");

            assertThat(Files.readAllBytes(mount.resolve("shop.json"))).isEqualTo(before);
            assertThat(store.load("shop")).isEqualTo(saved);
            assertThat(Files.exists(mount.resolve("shop.json.tmp"))).as("no half-written file left behind").isFalse();
        } finally {
            run("umount", mount.toString());
        }
    }

    @Test
    void markupAndControlCharactersInVersionsAndActorsAreStoredVerbatim() {
        JsonFileStateStore store = new JsonFileStateStore(dir);
        String version = "<script>alert('1.4.2')</script>\u0007\u0000\"\\";
        String actor = "eve\n<img src=x onerror=alert(1)>";

        store.save(StateMachine.startDeploy(store.load("shop"), Color.BLUE, version, List.of(), actor, AT));

        ServiceState read = new JsonFileStateStore(dir).load("shop");
        assertThat(read.blue().version()).isEqualTo(version);
        assertThat(read.blue().actor()).isEqualTo(actor);
        assertThat(read.events().get(0).actor()).isEqualTo(actor);
    }

    private static boolean run(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        process.getInputStream().readAllBytes();
        return process.waitFor(10, TimeUnit.SECONDS) && process.exitValue() == 0;
    }
}
