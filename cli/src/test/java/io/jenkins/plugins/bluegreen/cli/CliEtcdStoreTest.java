package io.jenkins.plugins.bluegreen.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.bluegreen.lab.EtcdLab;
import io.jenkins.plugins.bluegreen.lab.TestPrerequisites;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code store: {type: etcd}}: two machines with their own state directories share one record through real etcd. */
class CliEtcdStoreTest {

    @TempDir
    Path dir;

    @Test
    void twoMachinesSeeOneRecordAndNoStateFile() throws Exception {
        TestPrerequisites.requireProgram("etcd", "etcd-server");
        try (EtcdLab etcd = EtcdLab.start(1)) {
            Path spec = dir.resolve("bluegreen.yaml");
            Files.writeString(spec, """
                    service: shop
                    driver: {type: noop}
                    store: {type: etcd, endpoints: [%s], prefix: /cli-test/, leaseTtl: 5s}
                    """.formatted(etcd.endpoints().get(0)));
            CliRun first = new CliRun(spec, dir.resolve("machine-1"));
            CliRun second = new CliRun(spec, dir.resolve("machine-2"));

            CliRun.Result deploy = first.run("deploy", "--version", "1.0", "--", "true");

            assertThat(deploy.exit()).as(deploy.err()).isZero();
            assertThat(second.run("status", "--json").json().at("/environments/blue/status").asText()).isEqualTo("DEPLOYED");
            assertThat(dir.resolve("machine-1").resolve("shop.json")).doesNotExist();
        }
    }

    @Test
    void aBadStoreBlockNamesTheSettingAndChangesNothing() throws Exception {
        Path spec = dir.resolve("bluegreen.yaml");
        Files.writeString(spec, "service: shop\ndriver: {type: noop}\nstore: {type: etcd, endpoints: [etcd-1:2379]}\n");

        CliRun.Result status = new CliRun(spec, dir.resolve("state")).run("status");

        assertThat(status.exit()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(status.err()).contains("store.endpoints: 'etcd-1:2379' is not an etcd client URL").doesNotContain("\tat ");
    }
}
