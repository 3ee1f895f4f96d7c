package io.jenkins.plugins.bluegreen.jenkins.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import hudson.model.FreeStyleBuild;
import hudson.model.FreeStyleProject;
import io.jenkins.plugins.bluegreen.driver.SecretSource;
import io.jenkins.plugins.bluegreen.jenkins.config.BlueGreenConfiguration;
import io.jenkins.plugins.bluegreen.lab.EtcdLab;
import io.jenkins.plugins.bluegreen.lab.TestPrerequisites;
import io.jenkins.plugins.bluegreen.model.Color;
import io.jenkins.plugins.bluegreen.model.ServiceState;
import io.jenkins.plugins.bluegreen.model.StateMachine;
import io.jenkins.plugins.bluegreen.store.LeaseHeldException;
import io.jenkins.plugins.bluegreen.store.StateStore;
import io.jenkins.plugins.bluegreen.store.etcd.EtcdSettings;
import io.jenkins.plugins.bluegreen.store.etcd.EtcdStateStore;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/**
 * With the global etcd setting, a build's release and another machine's CLI share one record and one lock through a
 * real etcd member; the build still records its own snapshot, and the sidebar reads the shared truth.
 */
@WithJenkins
class EtcdSharedStateITest {

    private static final Instant AT = Instant.parse("2026-12-01T10:00:00Z");

    @Test
    void aBuildAndAnotherMachineShareTheRecordAndTheLock(JenkinsRule r) throws Exception {
        TestPrerequisites.requireProgram("etcd", "etcd-server");
        try (EtcdLab etcd = EtcdLab.start(1)) {
            BlueGreenConfiguration.get().setEtcdEndpoints(etcd.endpoints().get(0));
            BlueGreenConfiguration.get().setEtcdPrefix("/jenkins-test/");
            StateStore elsewhere = new EtcdStateStore(new EtcdSettings(etcd.endpoints(), "/jenkins-test/", null, null, null), null,
                    SecretSource.none(), new OkHttpClient());
            FreeStyleProject job = r.createFreeStyleProject("releases");
            FreeStyleBuild build = r.buildAndAssertSuccess(job);
            BuildActionStateStore store = new BuildActionStateStore(build);

            ServiceState saved = store.save(StateMachine.startDeploy(store.load("shop"), Color.BLUE, "1.0", List.of(), "alice", AT));

            assertThat(elsewhere.load("shop")).as("the shared truth").isEqualTo(saved);
            assertThat(BlueGreenAction.of(build).record("shop").getState()).as("the build's own snapshot").isEqualTo(saved);
            try (var held = elsewhere.acquire("shop", "cli on ci-2 (bob)", Duration.ZERO)) {
                assertThatThrownBy(() -> store.acquire("shop", "alice", Duration.ZERO)).isInstanceOf(LeaseHeldException.class)
                        .hasMessageContaining("held by cli on ci-2 (bob)");
            }
            ServiceState changedElsewhere = elsewhere.save(StateMachine.finishDeploy(saved, Color.BLUE, "bob", AT));
            BlueGreenAction action = build.getAction(BlueGreenAction.class);
            ServiceRecord record = action.record("shop");
            assertThat(action.currentView(record)).as("the sidebar reads etcd, not the build's snapshot")
                    .isEqualTo(record.viewOf(changedElsewhere)).isNotEqualTo(record.getView());
            try (var lease = store.acquire("shop", "alice", Duration.ZERO)) {
                assertThat(lease.holder()).isEqualTo("releases #1 (alice)");
            }
        }
    }
}
