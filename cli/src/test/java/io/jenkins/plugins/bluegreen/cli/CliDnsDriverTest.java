package io.jenkins.plugins.bluegreen.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.jenkins.plugins.bluegreen.lab.DnsLab;
import io.jenkins.plugins.bluegreen.lab.TestPrerequisites;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A release of a DNS name through the command line against a real BIND primary on loopback: deploy, verify, a switch
 * the TTL refuses, prepare (lowering the TTL from 2 s to 1 s and waiting the old one out), switch, status, rollback.
 */
class CliDnsDriverTest {

    private static final List<String> BLUE = List.of("192.0.2.10");

    @TempDir
    Path dir;

    private Backends backends;
    private DnsLab lab;
    private Path spec;
    private CliRun cli;
    private Path state;

    @BeforeEach
    void setUp() throws Exception {
        TestPrerequisites.requireProgram("named", "bind9");
        backends = Backends.start();
        lab = DnsLab.start(BLUE, Duration.ofSeconds(2), new DnsLab.Servers(false, false));
        spec = dir.resolve("bluegreen.yaml");
        writeSpec("shop");
        state = dir.resolve("state");
        cli = new CliRun(spec, state);
    }

    private void writeSpec(String record) throws Exception {
        Files.writeString(spec, """
                service: shop
                urls: {blue: %s, green: %s}
                driver:
                  type: dns
                  zone: example.test
                  record: %s
                  blue: [192.0.2.10]
                  green: [192.0.2.20]
                  primary: %s
                  tsigKey: %s
                  tsigSecretRef: %s
                  switchTtl: 1s
                checks:
                  - {type: http, path: /health, interval: 100ms, timeout: 2s}
                timeouts: {confirm: 2s}
                """.formatted(backends.blue().url(), backends.green().url(), record, lab.primary(), DnsLab.UPDATE_KEY,
                lab.secretReference(DnsLab.UPDATE_KEY)));
    }

    @AfterEach
    void tearDown() {
        if (lab != null) {
            lab.close();
        }
        if (backends != null) {
            backends.close();
        }
    }

    @Test
    void deployVerifyPrepareSwitchAndRollBackAName() throws Exception {
        assertThat(cli.run("deploy", "--version", "2.0", "--", "true").exit()).isZero();
        assertThat(cli.run("verify").exit()).isZero();

        CliRun.Result early = cli.run("switch", "--yes");
        assertThat(early.exit()).as(early.err()).isEqualTo(ExitCodes.REFUSED);
        assertThat(early.err()).contains("the answer's TTL is 2 s, above switchTtl 1 s").contains("Run 'prepare' first");

        CliRun.Result prepared = cli.run("prepare", "--wait", "--json");
        assertThat(prepared.exit()).as(prepared.err()).isZero();
        assertThat(prepared.json().at("/lowered/original").asDouble()).isEqualTo(2.0);
        assertThat(prepared.json().get("waitedMillis").asLong()).as("the old TTL was waited out").isGreaterThanOrEqualTo(1_000L);
        assertThat(prepared.err()).contains("waiting 2 s").contains("answers cached with the old TTL have expired");

        CliRun.Result switched = cli.run("switch", "--yes", "--json");
        assertThat(switched.exit()).as(switched.err()).isZero();
        assertThat(switched.json().get("live").asText()).isEqualTo("GREEN");

        JsonNode status = cli.run("status", "--json").json();
        assertThat(status.get("observed").asText()).isEqualTo("GREEN");
        assertThat(status.at("/servers/0/answer").asText()).startsWith("A 192.0.2.20 (TTL 1 s), serial ");
        assertThat(cli.run("status").out()).contains("server   " + lab.primary() + ": GREEN A 192.0.2.20 (TTL 1 s)")
                .contains("ttl      lowered to 1 s from 2 s");

        CliRun.Result rolledBack = cli.run("rollback", "--reason", "test");
        assertThat(rolledBack.exit()).as(rolledBack.err()).isZero();
        assertThat(rolledBack.out()).contains("BLUE is live again");
        assertThat(rolledBack.err()).contains("resolvers converge within 1 s");
        assertThat(cli.run("history").out()).contains("TTL_LOWERED").contains("TTL_WAITED").contains("ROLLED_BACK");
        assertThat(Files.readString(state.resolve("shop.json"))).doesNotContain(Files.readString(
                Path.of(lab.secretReference(DnsLab.UPDATE_KEY).substring("file:".length()))).strip());
    }

    @Test
    void aRecordOutsideTheZoneIsBadInputAndChangesNothing() throws Exception {
        assertThat(cli.run("deploy", "--version", "2.0", "--", "true").exit()).isZero();
        byte[] before = Files.readAllBytes(state.resolve("shop.json"));
        writeSpec("shop.example.org.");

        CliRun.Result switched = cli.run("switch", "--yes");

        assertThat(switched.exit()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(switched.err()).contains("driver.record: 'shop.example.org.' is not in zone 'example.test.'")
                .doesNotContain("Exception").doesNotContain("\tat ");
        assertThat(Files.readAllBytes(state.resolve("shop.json"))).isEqualTo(before);
    }
}
