package io.jenkins.plugins.bluegreen.jenkins.targets;

import static org.assertj.core.api.Assertions.assertThat;

import hudson.model.Item;
import io.jenkins.plugins.bluegreen.drivers.haproxy.HaproxyDriverConfig;
import io.jenkins.plugins.bluegreen.jenkins.Backends;
import io.jenkins.plugins.bluegreen.jenkins.config.BlueGreenConfiguration;
import io.jenkins.plugins.bluegreen.jenkins.BlueGreenPermissions;
import io.jenkins.plugins.bluegreen.jenkins.config.ServiceConfig;
import io.jenkins.plugins.bluegreen.jenkins.state.BlueGreenAction;
import io.jenkins.plugins.bluegreen.jenkins.steps.BlueGreenPipelineITest;
import io.jenkins.plugins.bluegreen.lab.HaproxyLab;
import io.jenkins.plugins.bluegreen.lab.LabRouter;
import io.jenkins.plugins.bluegreen.lab.TestPrerequisites;
import io.jenkins.plugins.bluegreen.model.Color;
import io.jenkins.plugins.bluegreen.model.Event;
import io.jenkins.plugins.bluegreen.model.EventType;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import jenkins.model.Jenkins;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.MockAuthorizationStrategy;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/**
 * A release through a real HAProxy on loopback, from a declarative Pipeline with {@code agent none}. HAProxy already
 * serves 1.0 on blue, as a service does before the plugin takes it over: the first deploy adopts blue and puts 2.0 on
 * green; verify; the switch is approved over HTTP by an approver; HAProxy serves green; an operator's rollback button
 * puts it back.
 */
@WithJenkins
class HaproxyEndToEndITest {

    private static final String SCRIPT = """
            pipeline {
                agent none
                stages {
                    stage('Deploy') {
                        steps {
                            blueGreenDeploy(service: 'shop', version: '@VERSION@') { echo "deploying ${env.BG_VERSION} to ${env.BG_COLOR}" }
                        }
                    }
                    stage('Verify') {
                        steps {
                            blueGreenVerify(service: 'shop', colors: 'idle', checks: [httpCheck(path: '/health')])
                        }
                    }
                    stage('Switch') {
                        steps {
                            blueGreenSwitch(service: 'shop', watch: '0s', approval: [submitter: 'approver', message: 'Promote @VERSION@?'])
                        }
                    }
                }
            }
            """;

    @RegisterExtension
    private final Backends backends = new Backends("1.0", "2.0");

    @Test
    void releaseThroughHaproxyThenRollBackWithTheButton(JenkinsRule r) throws Exception {
        TestPrerequisites.requireProgram("haproxy");
        try (LabRouter haproxy = HaproxyLab.start(backends.blue().url(), backends.green().url())) {
            HaproxyDriverConfig lab = (HaproxyDriverConfig) haproxy.driverConfig();
            HaproxyTarget router = new HaproxyTarget(lab.socket());
            router.setBackend(lab.backend());
            router.setServerStateFile(lab.serverStateFile());
            ServiceConfig shop = backends.service("shop", router);
            shop.setPublicUrl(haproxy.publicUrl());
            shop.setMarkerHeader("X-Color");
            shop.setAllowedJobs("release"); // HAProxy's Runtime API is on the controller's loopback
            BlueGreenConfiguration.get().setServices(List.of(shop));
            WorkflowJob job = r.createProject(WorkflowJob.class, "release");
            r.jenkins.setSecurityRealm(r.createDummySecurityRealm());
            r.jenkins.setAuthorizationStrategy(new MockAuthorizationStrategy()
                    .grant(Jenkins.READ, Item.READ).everywhere().to("approver", "operator")
                    .grant(BlueGreenPermissions.ROLLBACK).onItems(job).to("operator"));

            assertThat(servedColor(haproxy)).as("1.0 runs on blue before the first release").isEqualTo("blue");
            WorkflowRun second = release(r, job, "2.0");
            assertThat(servedColor(haproxy)).as("HAProxy serves the new colour").isEqualTo("green");
            r.assertLogContains("adopted BLUE as live, so GREEN is the idle colour", second);
            r.assertLogContains("deploying 2.0 to green", second);

            assertThat(BlueGreenPipelineITest.post(r, "approver", second, "bluegreen/rollback?service=shop&reason=e2e", true)
                    .getWebResponse().getStatusCode()).as("approver lacks BlueGreen/Rollback").isEqualTo(403);
            assertThat(BlueGreenPipelineITest.post(r, "operator", second, "bluegreen/rollback?service=shop&reason=e2e", true)
                    .getWebResponse().getStatusCode()).isEqualTo(200);
            BlueGreenAction.ButtonTask task = BlueGreenPipelineITest.pressed(second, "shop");
            assertThat(task.isFailed()).as(task.getResult()).isFalse();
            assertThat(servedColor(haproxy)).as("the rollback put HAProxy back").isEqualTo("blue");

            List<Event> events = BlueGreenPipelineITest.state(second, "shop").events();
            assertThat(events.get(0).type()).isEqualTo(EventType.ADOPTED);
            assertThat(events).filteredOn(e -> e.type() == EventType.APPROVAL_GRANTED).extracting(Event::actor)
                    .containsExactly("approver");
            assertThat(events.get(events.size() - 1)).satisfies(e -> {
                assertThat(e.type()).isEqualTo(EventType.ROLLED_BACK);
                assertThat(e.actor()).isEqualTo("operator");
            });
            assertThat(BlueGreenPipelineITest.state(second, "shop").live()).isEqualTo(Color.BLUE);
        }
    }

    private static WorkflowRun release(JenkinsRule r, WorkflowJob job, String version) throws Exception {
        job.setDefinition(new CpsFlowDefinition(SCRIPT.replace("@VERSION@", version), true));
        WorkflowRun run = job.scheduleBuild2(0).waitForStart();
        r.waitForMessage("Approve or abort", run);
        assertThat(BlueGreenPipelineITest.post(r, "approver", run, "bluegreen/proceed?service=shop", true)
                .getWebResponse().getStatusCode()).isEqualTo(200);
        return r.assertBuildStatusSuccess(r.waitForCompletion(run));
    }

    /** The colour that answers on HAProxy's public port. */
    private static String servedColor(LabRouter haproxy) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(haproxy.publicUrl()))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        return response.headers().firstValue("X-Color").orElse("none: " + response.statusCode());
    }
}
