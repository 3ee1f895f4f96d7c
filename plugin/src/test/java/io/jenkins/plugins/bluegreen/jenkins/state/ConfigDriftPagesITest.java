package io.jenkins.plugins.bluegreen.jenkins.state;

import static org.assertj.core.api.Assertions.assertThat;

import hudson.model.Item;
import hudson.model.Result;
import io.jenkins.plugins.bluegreen.demo.DemoBackend;
import io.jenkins.plugins.bluegreen.jenkins.config.BlueGreenConfiguration;
import io.jenkins.plugins.bluegreen.jenkins.config.ServiceConfig;
import io.jenkins.plugins.bluegreen.jenkins.steps.BlueGreenPipelineITest;
import io.jenkins.plugins.bluegreen.jenkins.targets.NoopTarget;
import io.jenkins.plugins.bluegreen.model.Color;
import io.jenkins.plugins.bluegreen.model.EventType;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import jenkins.model.Jenkins;
import org.htmlunit.html.DomElement;
import org.htmlunit.html.HtmlPage;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.MockAuthorizationStrategy;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/**
 * Configuration drift and the idle standby in a real Jenkins: the second release's green turns a feature flag on,
 * so blueGreenVerify leaves the build UNSTABLE, the approval page shows the drift as a table, and proceeding
 * accepts it. The colours are real loopback backends answering {@code /config}.
 */
@WithJenkins
class ConfigDriftPagesITest {

    private static final String SECRET = "db-Pa55w0rd-never-in-jenkins";

    private DemoBackend blue;
    private DemoBackend green;

    @BeforeEach
    void startBackends() throws IOException {
        blue = DemoBackend.start(Color.BLUE, "any", 0);
        green = DemoBackend.start(Color.GREEN, "any", 0);
        blue.configuration("{\"features\":{\"checkout\":\"v1\"},\"db\":{\"password\":\"" + SECRET + "-blue\"}}");
        green.configuration("{\"features\":{\"checkout\":\"v2\"},\"db\":{\"password\":\"" + SECRET + "-green\"}}");
    }

    @AfterEach
    void stopBackends() {
        blue.close();
        green.close();
    }

    @Test
    void theDriftIsATableOnTheApprovalAndTheBlueGreenPageAndTheStandbyIsOnTheJobPage(JenkinsRule r) throws Exception {
        String service = configure(r);
        WorkflowJob job = r.createProject(WorkflowJob.class, "release");
        job.setDefinition(new CpsFlowDefinition(
                "blueGreenDeploy(service: '" + service + "', version: env.BUILD_NUMBER + '.0') { echo 'deployed' }\n"
                        + "blueGreenVerify(service: '" + service + "', checks: [httpCheck(path: '/health')])\n"
                        + "blueGreenSwitch(service: '" + service + "', approval: [submitter: 'alice', timeout: '1h'])\n", true));
        WorkflowRun first = approve(r, job.scheduleBuild2(0).waitForStart(), service);
        r.assertBuildStatusSuccess(r.waitForCompletion(first));

        WorkflowRun second = job.scheduleBuild2(0).waitForStart();
        r.waitForMessage("Approve or abort", second);
        JenkinsRule.WebClient alice = r.createWebClient().login("alice");
        HtmlPage approvalPage = alice.goTo(second.getUrl() + "bluegreen/");
        DomElement approvalTable = approvalPage.querySelector(".bluegreen-approval .bluegreen-config-drift");
        assertThat(approvalTable).as(approvalPage.asNormalizedText()).isNotNull();
        assertThat(approvalTable.asNormalizedText()).contains("GREEN differs from live BLUE in 2 of 2 keys")
                .contains("features.checkout").contains("v1").contains("v2").contains("(secret, differs; not shown)");
        assertThat(approvalPage.asNormalizedText()).contains("Proceeding accepts these differences.");
        r.assertBuildStatus(Result.UNSTABLE, r.waitForCompletion(approve(r, second, service)));

        HtmlPage page = alice.goTo(second.getUrl() + "bluegreen/");
        assertThat(page.querySelector("tr[data-key='features.checkout']").asNormalizedText()).contains("v1").contains("v2");
        assertThat(page.querySelector(".bluegreen-standby").asNormalizedText())
                .contains("Standby: BLUE (1.0) standby for").contains("retire is not due yet").contains("idle cost 0.00 EUR (2.50 EUR/h)");
        assertThat(alice.goTo(job.getUrl()).asNormalizedText()).contains("BLUE (1.0) standby for");
        String api = alice.goTo(second.getUrl() + "bluegreen/api/json?depth=2", "application/json").getWebResponse().getContentAsString();
        assertThat(api).contains("\"configDrift\"").contains("features.checkout").contains("\"standby\"").contains("\"retireDue\":false");
        assertThat(BlueGreenPipelineITest.state(second, service).events()).extracting(e -> e.type())
                .contains(EventType.DRIFT_FOUND, EventType.APPROVAL_GRANTED, EventType.SWITCHED);

        String everything = api + page.asXml() + approvalPage.asXml() + r.getLog(second)
                + Files.readString(second.getRootDir().toPath().resolve("build.xml"), StandardCharsets.UTF_8);
        assertThat(everything).contains("db.password").doesNotContain(SECRET);
    }

    @Test
    void theJobPageSaysWhenRetireIsDue(JenkinsRule r) throws Exception {
        String service = configure(r);
        BlueGreenConfiguration.get().service(service).orElseThrow().setKeepOld("0s");
        blue.configuration("{\"a\":\"1\"}");
        green.configuration("{\"a\":\"1\"}");
        WorkflowJob job = r.createProject(WorkflowJob.class, "release");
        job.setDefinition(new CpsFlowDefinition(
                "blueGreenDeploy(service: '" + service + "', version: env.BUILD_NUMBER + '.0') { echo 'deployed' }\n"
                        + "blueGreenVerify(service: '" + service + "', checks: [httpCheck(path: '/health')])\n"
                        + "blueGreenSwitch(service: '" + service + "')\n", true));
        r.buildAndAssertSuccess(job);
        r.buildAndAssertSuccess(job);

        HtmlPage jobPage = r.createWebClient().login("alice").goTo(job.getUrl());
        assertThat(jobPage.querySelector("td[data-retire-due='true']").asNormalizedText())
                .contains("BLUE (1.0) standby for").contains("retire is due (run 'retire')");
    }

    /** alice may build and approve; a noop service on the two loopback backends, its configuration read from /config. */
    private String configure(JenkinsRule r) {
        r.jenkins.setSecurityRealm(r.createDummySecurityRealm());
        r.jenkins.setAuthorizationStrategy(new MockAuthorizationStrategy()
                .grant(Jenkins.READ, Item.READ, Item.BUILD).everywhere().to("alice"));
        String service = "shop-" + Long.toHexString(System.nanoTime());
        ServiceConfig config = new ServiceConfig(service);
        config.setBlueUrl(blue.url());
        config.setGreenUrl(green.url());
        config.setDriver(new NoopTarget());
        config.setKeepOld("1h");
        config.setIdleCostPerHour("2.50 EUR");
        config.setFingerprintEndpoint("/config");
        BlueGreenConfiguration.get().setServices(List.of(config));
        return service;
    }

    private static WorkflowRun approve(JenkinsRule r, WorkflowRun run, String service) throws Exception {
        r.waitForMessage("Approve or abort", run);
        assertThat(BlueGreenPipelineITest.post(r, "alice", run, "bluegreen/proceed?service=" + service, true)
                .getWebResponse().getStatusCode()).isEqualTo(200);
        return run;
    }
}
