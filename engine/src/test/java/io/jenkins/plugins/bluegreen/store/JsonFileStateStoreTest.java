package io.jenkins.plugins.bluegreen.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.bluegreen.model.Color;
import io.jenkins.plugins.bluegreen.model.Event;
import io.jenkins.plugins.bluegreen.model.EventType;
import io.jenkins.plugins.bluegreen.model.LoweredTtl;
import io.jenkins.plugins.bluegreen.model.ServiceState;
import io.jenkins.plugins.bluegreen.model.StateMachine;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JsonFileStateStoreTest {

    private static final Instant AT = Instant.parse("2026-11-22T10:00:00Z");

    @TempDir
    Path dir;

    private static ServiceState deploying(ServiceState state) {
        return StateMachine.startDeploy(state, state.idle(), "1.0", List.of("http://127.0.0.1:9001"), "alice", AT);
    }

    @Test
    void aNewServiceStartsEmptyAtRevisionZero() {
        ServiceState state = new JsonFileStateStore(dir).load("shop");

        assertThat(state).isEqualTo(ServiceState.initial("shop"));
    }

    @Test
    void savedStateReadsBackIdenticallyWithTheNextRevision() throws Exception {
        JsonFileStateStore store = new JsonFileStateStore(dir);
        ServiceState saved = store.save(deploying(store.load("shop")));

        assertThat(saved.revision()).isEqualTo(1);
        assertThat(new JsonFileStateStore(dir).load("shop")).isEqualTo(saved);
        assertThat(Files.readString(dir.resolve("shop.json"))).contains("\"schemaVersion\" : 3").contains("\"version\" : \"1.0\"");
    }

    @Test
    void aStaleWriteIsRefusedAndWritesNothing() throws Exception {
        JsonFileStateStore store = new JsonFileStateStore(dir);
        ServiceState read = store.load("shop");
        store.save(deploying(read));
        byte[] before = Files.readAllBytes(dir.resolve("shop.json"));

        assertThatThrownBy(() -> store.save(deploying(read)))
                .isInstanceOf(StaleStateException.class)
                .hasMessageContaining("expected revision 0, found 1");
        assertThat(Files.readAllBytes(dir.resolve("shop.json"))).isEqualTo(before);
    }

    @Test
    void aCrashBetweenTempFileAndRenameLeavesTheOldStateIntact() throws Exception {
        JsonFileStateStore store = new JsonFileStateStore(dir);
        ServiceState first = store.save(deploying(store.load("shop")));
        byte[] before = Files.readAllBytes(dir.resolve("shop.json"));
        JsonFileStateStore crashing = new JsonFileStateStore(dir, () -> {
            throw new IllegalStateException("power cut");
        });

        assertThatThrownBy(() -> crashing.save(StateMachine.finishDeploy(first, Color.BLUE, "alice", AT)))
                .hasMessageContaining("power cut");

        assertThat(Files.readAllBytes(dir.resolve("shop.json"))).isEqualTo(before);
        assertThat(store.load("shop")).isEqualTo(first);
        assertThat(store.save(StateMachine.finishDeploy(first, Color.BLUE, "alice", AT)).revision())
                .as("a leftover temporary file does not block the next save").isEqualTo(2);
    }

    @Test
    void theBackupHoldsThePreviousGoodVersion() throws Exception {
        JsonFileStateStore store = new JsonFileStateStore(dir);
        ServiceState first = store.save(deploying(store.load("shop")));
        store.save(StateMachine.finishDeploy(first, Color.BLUE, "alice", AT));

        assertThat(StateJson.read(Files.readString(store.backupFile("shop"), StandardCharsets.UTF_8), "backup")).isEqualTo(first);
    }

    @Test
    void aCorruptedFileIsAClearErrorNamingTheBackupAndIsNeverOverwritten() throws Exception {
        JsonFileStateStore store = new JsonFileStateStore(dir);
        ServiceState first = store.save(deploying(store.load("shop")));
        store.save(StateMachine.finishDeploy(first, Color.BLUE, "alice", AT));
        Path file = dir.resolve("shop.json");
        String truncated = Files.readString(file).substring(0, 40);
        Files.writeString(file, truncated);

        assertThatThrownBy(() -> store.load("shop"))
                .isInstanceOf(StateStoreException.class)
                .hasMessageContaining(file.toString())
                .hasMessageContaining("is not valid JSON")
                .hasMessageContaining("cp " + dir.resolve("shop.json.bak") + " " + file);
        assertThatThrownBy(() -> store.save(first.withRevision(2))).isInstanceOf(StateStoreException.class);
        assertThat(Files.readString(file)).isEqualTo(truncated);
    }

    @Test
    void aNewerSchemaIsRefusedClearly() throws Exception {
        Files.writeString(dir.resolve("shop.json"), "{\"schemaVersion\": 99, \"service\": \"shop\"}");

        assertThatThrownBy(() -> new JsonFileStateStore(dir).load("shop"))
                .hasMessageContaining("schema version 99, newer than the 3 this version understands")
                .hasMessageContaining("upgrade");
    }

    @Test
    void aVersionOneFileIsMigrated() throws Exception {
        Files.writeString(dir.resolve("shop.json"), """
                {"service":"shop","revision":4,"active":"GREEN",
                 "blue":{"color":"BLUE","version":"1.0","urls":[],"status":"STANDBY"},
                 "green":{"color":"GREEN","version":"2.0","urls":[],"status":"LIVE"},
                 "events":[{"type":"SWITCHED","color":"GREEN","version":"2.0","actor":"ops","at":"2025-01-01T00:00:00Z","detail":"old"}]}
                """);

        ServiceState state = new JsonFileStateStore(dir).load("shop");

        assertThat(state.live()).isEqualTo(Color.GREEN);
        assertThat(state.revision()).isEqualTo(4);
        assertThat(state.events()).extracting(Event::type).containsExactly(EventType.SWITCHED);
    }

    @Test
    void aLoweredTtlReadsBackAndAVersionTwoFileHasNone() throws Exception {
        JsonFileStateStore store = new JsonFileStateStore(dir);
        LoweredTtl lowered = new LoweredTtl(Duration.ofSeconds(300), Duration.ofSeconds(5), Instant.parse("2026-01-01T00:00:00Z"));
        ServiceState saved = store.save(StateMachine.ttlLowered(store.load("shop"), lowered, "ops", lowered.confirmedAt(), "lowered"));

        assertThat(new JsonFileStateStore(dir).load("shop")).isEqualTo(saved);
        assertThat(saved.loweredTtl().oldAnswersExpireAt()).isEqualTo(Instant.parse("2026-01-01T00:05:00Z"));
        Files.writeString(dir.resolve("shop.json"), "{\"schemaVersion\": 2, \"service\": \"shop\", \"revision\": 1,"
                + " \"blue\": {\"color\": \"BLUE\", \"status\": \"EMPTY\"}, \"green\": {\"color\": \"GREEN\", \"status\": \"EMPTY\"},"
                + " \"events\": []}");
        assertThat(new JsonFileStateStore(dir).load("shop").loweredTtl()).isNull();
    }

    @Test
    void aSecondLeaseFailsFastNamingTheHolderAndIsFreeAfterClose() {
        JsonFileStateStore store = new JsonFileStateStore(dir);
        try (StateStore.Lease held = store.acquire("shop", "release #41 (alice)", Duration.ZERO)) {
            assertThatThrownBy(() -> store.acquire("shop", "release #42 (bob)", Duration.ZERO))
                    .isInstanceOf(LeaseHeldException.class)
                    .hasMessageContaining("held by release #41 (alice)");
            assertThat(held.holder()).isEqualTo("release #41 (alice)");
        }
        try (StateStore.Lease again = store.acquire("shop", "release #42 (bob)", Duration.ZERO)) {
            assertThat(again.service()).isEqualTo("shop");
        }
    }

    @Test
    void aLeaseWaitOutlastsAShortHolder() throws Exception {
        JsonFileStateStore store = new JsonFileStateStore(dir);
        StateStore.Lease first = store.acquire("shop", "first", Duration.ZERO);
        Thread releaser = new Thread(() -> {
            sleep(200);
            first.close();
        });
        releaser.start();

        try (StateStore.Lease second = store.acquire("shop", "second", Duration.ofSeconds(20))) {
            assertThat(second.holder()).isEqualTo("second");
        }
        releaser.join();
    }

    @Test
    void aServiceNameThatIsNotAFileNameIsBadInput() {
        assertThatThrownBy(() -> new JsonFileStateStore(dir).load("../etc/passwd"))
                .hasMessageStartingWith("service: '../etc/passwd' is not a valid service name");
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
