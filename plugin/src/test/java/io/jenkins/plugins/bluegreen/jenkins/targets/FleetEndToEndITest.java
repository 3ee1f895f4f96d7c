package io.jenkins.plugins.bluegreen.jenkins.targets;

import static org.assertj.core.api.Assertions.assertThat;

import hudson.model.Result;
import io.jenkins.plugins.bluegreen.drivers.haproxy.HaproxyDriverConfig;
import io.jenkins.plugins.bluegreen.jenkins.Backends;
import io.jenkins.plugins.bluegreen.jenkins.config.BlueGreenConfiguration;
import io.jenkins.plugins.bluegreen.jenkins.config.ServiceConfig;
import io.jenkins.plugins.bluegreen.jenkins.state.BuildActionStateStore;
import io.jenkins.plugins.bluegreen.jenkins.steps.BlueGreenPipelineITest;
import io.jenkins.plugins.bluegreen.lab.HaproxyLab;
import io.jenkins.plugins.bluegreen.lab.LabRouter;
import io.jenkins.plugins.bluegreen.lab.TestPrerequisites;
import io.jenkins.plugins.bluegreen.model.Color;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/**
 * A release through a fleet of two real HAProxy on loopback, configured as one service: both switch together; with
 * one of them down, a rollback is refused naming it, and the record and the other router stay as they were.
 */
@WithJenkins
class FleetEndToEndITest {

    @RegisterExtension
    private final Backends backends = new Backends("1.0", "2.0");

    @Test
    void twoHaproxySwitchTogetherAndOneDownRefusesTheRollbackByName(JenkinsRule r) throws Exception {
        TestPrerequisites.requireProgram("haproxy");
        try (LabRouter lb1 = HaproxyLab.start(backends.blue().url(), backends.green().url());
             LabRouter lb2 = HaproxyLab.start(backends.blue().url(), backends.green().url())) {
            ServiceConfig shop = backends.service("shop", new FleetTarget(List.of(target(lb1), target(lb2))));
            shop.setPublicUrl(lb1.publicUrl());
            shop.setMarkerHeader("X-Color");
            shop.setAllowedJobs("release"); // the Runtime APIs are on the controller's loopback
            BlueGreenConfiguration.get().setServices(List.of(shop));
            WorkflowJob job = r.createProject(WorkflowJob.class, "release");

            job.setDefinition(new CpsFlowDefinition(Backends.RELEASE_SHOP_2_0, true));
            WorkflowRun released = r.buildAndAssertSuccess(job);
            assertThat(List.of(servedColor(lb1), servedColor(lb2))).containsOnly("green");
            assertThat(BlueGreenPipelineITest.state(released, "shop").live()).isEqualTo(Color.GREEN);

            lb2.stop();
            job.setDefinition(new CpsFlowDefinition("blueGreenRollback(service: 'shop', reason: 'fleet e2e')", true));
            WorkflowRun refused = r.buildAndAssertStatus(Result.FAILURE, job);
            r.assertLogContains("haproxy-2 is not healthy", refused);
            r.assertLogContains("nothing was changed", refused);
            r.assertLogNotContains("\tat ", refused);
            assertThat(servedColor(lb1)).isEqualTo("green");
            assertThat(BuildActionStateStore.latest("shop", null).live()).as("the record is unchanged").isEqualTo(Color.GREEN);
        }
    }

    private static HaproxyTarget target(LabRouter lab) {
        HaproxyDriverConfig config = (HaproxyDriverConfig) lab.driverConfig();
        HaproxyTarget router = new HaproxyTarget(config.socket());
        router.setBackend(config.backend());
        router.setServerStateFile(config.serverStateFile());
        return router;
    }

    private static String servedColor(LabRouter haproxy) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(haproxy.publicUrl()))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        return response.headers().firstValue("X-Color").orElse("none: " + response.statusCode());
    }
}
