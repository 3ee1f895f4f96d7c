package io.jenkins.plugins.bluegreen.jenkins.approval;

import static org.assertj.core.api.Assertions.assertThat;

import hudson.model.Item;
import io.jenkins.plugins.bluegreen.demo.DemoBackend;
import io.jenkins.plugins.bluegreen.jenkins.config.BlueGreenConfiguration;
import io.jenkins.plugins.bluegreen.jenkins.config.ServiceConfig;
import io.jenkins.plugins.bluegreen.jenkins.state.BlueGreenAction;
import io.jenkins.plugins.bluegreen.jenkins.steps.BlueGreenPipelineITest;
import io.jenkins.plugins.bluegreen.jenkins.targets.NoopTarget;
import io.jenkins.plugins.bluegreen.model.Color;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import jenkins.model.Jenkins;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.jvnet.hudson.test.MockAuthorizationStrategy;
import org.jvnet.hudson.test.junit.jupiter.JenkinsSessionExtension;

/**
 * A switch waiting for approval survives a controller restart: the deadline is kept and the first POST after the
 * restart answers it (the step is found among the build's running steps, not in a map filled when it resumes).
 */
class ApprovalRestartITest {

    @RegisterExtension
    private final JenkinsSessionExtension sessions = new JenkinsSessionExtension();

    @Test
    void approvalAfterRestartSwitches() throws Throwable {
        try (DemoBackend blue = DemoBackend.start(Color.BLUE, "1.0.0", 0); DemoBackend green = DemoBackend.start(Color.GREEN, "1.0.0", 0)) {
            sessions.then(r -> {
                r.jenkins.setSecurityRealm(r.createDummySecurityRealm());
                r.jenkins.setAuthorizationStrategy(new MockAuthorizationStrategy()
                        .grant(Jenkins.READ, Item.READ, Item.BUILD).everywhere().to("alice"));
                ServiceConfig config = new ServiceConfig("restart-shop");
                config.setBlueUrl(blue.url());
                config.setGreenUrl(green.url());
                config.setDriver(new NoopTarget());
                BlueGreenConfiguration.get().setServices(List.of(config));
                WorkflowJob job = r.createProject(WorkflowJob.class, "release");
                job.setDefinition(new CpsFlowDefinition(BlueGreenPipelineITest.script("restart-shop", "1.0.0", false), true));
                WorkflowRun run = job.scheduleBuild2(0).waitForStart();
                r.waitForMessage("Approve or abort", run);
                // The link is printed only once the approval is registered and saved.
                assertThat(run.getAction(BlueGreenAction.class).getApprovals()).hasSize(1);
                assertThat(Files.readString(run.getRootDir().toPath().resolve("build.xml"), StandardCharsets.UTF_8))
                        .contains("<requestJson>");
            });
            sessions.then(r -> {
                WorkflowRun run = r.jenkins.getItemByFullName("release", WorkflowJob.class).getBuildByNumber(1);
                assertThat(run.getAction(BlueGreenAction.class).getApprovals()).hasSize(1);
                // At once, without retrying: the answer waits for the Pipeline to load instead of finding nothing.
                assertThat(BlueGreenPipelineITest.post(r, "alice", run, "bluegreen/proceed?service=restart-shop", true)
                        .getWebResponse().getStatusCode()).isEqualTo(200);
                r.assertBuildStatusSuccess(r.waitForCompletion(run));
                assertThat(BlueGreenPipelineITest.state(run, "restart-shop").live()).isEqualTo(Color.BLUE);
                assertThat(run.getAction(BlueGreenAction.class).getApprovals()).isEmpty();
            });
        }
    }
}
