package io.jenkins.plugins.bluegreen.jenkins.steps;

import static org.assertj.core.api.Assertions.assertThat;

import com.cloudbees.plugins.credentials.CredentialsProvider;
import com.cloudbees.plugins.credentials.CredentialsScope;
import com.cloudbees.plugins.credentials.domains.Domain;
import hudson.model.Item;
import hudson.model.Result;
import hudson.util.Secret;
import io.jenkins.plugins.bluegreen.drivers.http.ColorApiServer;
import io.jenkins.plugins.bluegreen.jenkins.Backends;
import io.jenkins.plugins.bluegreen.jenkins.config.BlueGreenConfiguration;
import io.jenkins.plugins.bluegreen.jenkins.BlueGreenPermissions;
import io.jenkins.plugins.bluegreen.jenkins.config.ServiceConfig;
import io.jenkins.plugins.bluegreen.jenkins.state.BlueGreenAction;
import io.jenkins.plugins.bluegreen.jenkins.state.BuildActionStateStore;
import io.jenkins.plugins.bluegreen.jenkins.targets.HttpTarget;
import io.jenkins.plugins.bluegreen.jenkins.targets.NoopTarget;
import io.jenkins.plugins.bluegreen.model.Color;
import io.jenkins.plugins.bluegreen.model.EventType;
import io.jenkins.plugins.bluegreen.model.ServiceState;
import java.io.IOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import jenkins.model.Jenkins;
import org.htmlunit.HttpMethod;
import org.htmlunit.Page;
import org.htmlunit.WebRequest;
import org.jenkinsci.plugins.plaincredentials.impl.StringCredentialsImpl;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.MockAuthorizationStrategy;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/** The release flow end to end in a real Jenkins: declarative Pipeline, approval over HTTP, rollback button. */
@WithJenkins
public class BlueGreenPipelineITest {

    private static final String SECRET = "s3cr3t-router-token";

    @RegisterExtension
    private final Backends backends = new Backends("any", "any");

    @Test
    void releasesTwiceWithApprovalThenRollsBackFromThePipeline(JenkinsRule r) throws Exception {
        String service = configure(r);
        WorkflowJob job = r.createProject(WorkflowJob.class, "release");

        WorkflowRun first = release(r, job, service, "1.4.1", false);
        assertThat(state(first, service).live()).isEqualTo(Color.BLUE);
        WorkflowRun second = release(r, job, service, "1.4.2", true);

        ServiceState state = state(second, service);
        assertThat(state.live()).isEqualTo(Color.BLUE);
        assertThat(state.events()).extracting(e -> e.type()).contains(EventType.APPROVAL_GRANTED, EventType.SWITCHED, EventType.ROLLED_BACK);
        assertThat(state.events()).filteredOn(e -> e.type() == EventType.APPROVAL_GRANTED).allMatch(e -> "alice".equals(e.actor()));
        r.assertLogContains("deploying 1.4.2 of " + service + " to green at " + backends.green().url(), second);
        assertThat(second.getAction(BlueGreenAction.class).getDisplayName()).isEqualTo(service + ": Live BLUE (1.4.1)");
        assertThat(second.getAction(BlueGreenAction.class).getServices().get(0).getEventsAdded())
                .extracting(e -> e.get("type")).startsWith("DEPLOY_STARTED").contains("SWITCHED", "ROLLED_BACK");
        assertThat(second.isKeepLog()).as("the holder of the newest state survives log rotation").isTrue();
        assertThat(first.isKeepLog()).as("a superseded holder is let go").isFalse();
    }

    @Test
    void refusesAnApproverWhoIsNotASubmitter(JenkinsRule r) throws Exception {
        String service = configure(r);
        WorkflowJob job = r.createProject(WorkflowJob.class, "release");
        job.setDefinition(new CpsFlowDefinition(script(service, "1.0.0", false), true));
        WorkflowRun run = job.scheduleBuild2(0).waitForStart();
        r.waitForMessage("Approve or abort", run);

        assertThat(post(r, "bob", run, "bluegreen/proceed?service=" + service, true).getWebResponse().getStatusCode()).isEqualTo(403);
        assertThat(run.isBuilding()).isTrue();
        assertThat(post(r, "alice", run, "bluegreen/abort?service=" + service + "&comment=not+today", true)
                .getWebResponse().getStatusCode()).isEqualTo(200);
        r.assertBuildStatus(Result.FAILURE, r.waitForCompletion(run));
        r.assertLogContains("rejected by alice (not today)", run);
    }

    @Test
    void rollbackButtonNeedsPostCrumbAndPermission(JenkinsRule r) throws Exception {
        String service = configure(r);
        WorkflowJob job = r.createProject(WorkflowJob.class, "release");
        release(r, job, service, "1.4.1", false);
        WorkflowRun second = release(r, job, service, "1.4.2", false);
        String rollback = "bluegreen/rollback?service=" + service + "&reason=latency";

        JenkinsRule.WebClient get = r.createWebClient().login("alice");
        get.setThrowExceptionOnFailingStatusCode(false);
        assertThat(get.goTo(second.getUrl() + rollback, null).getWebResponse().getStatusCode()).isEqualTo(405);
        assertThat(post(r, "alice", second, rollback, false).getWebResponse().getStatusCode()).isEqualTo(403);
        assertThat(post(r, "bob", second, rollback, true).getWebResponse().getStatusCode()).isEqualTo(403);
        assertThat(state(second, service).live()).isEqualTo(Color.GREEN);

        assertThat(post(r, "alice", second, rollback, true).getWebResponse().getStatusCode()).isEqualTo(200);
        BlueGreenAction.ButtonTask task = pressed(second, service);
        assertThat(task.isFailed()).as(task.getResult()).isFalse();
        assertThat(task.getResult()).isEqualTo("Live: BLUE (1.4.1)");
        ServiceState after = state(second, service);
        assertThat(after.live()).isEqualTo(Color.BLUE);
        assertThat(after.events().get(after.events().size() - 1)).satisfies(e -> {
            assertThat(e.type()).isEqualTo(EventType.ROLLED_BACK);
            assertThat(e.actor()).isEqualTo("alice");
            assertThat(e.detail()).contains("latency");
        });
    }

    @Test
    void theRollbackButtonAnswersAtOnceWhileTheRollbackWaitsForTheLease(JenkinsRule r) throws Exception {
        String service = configure(r);
        BlueGreenConfiguration.get().service(service).orElseThrow().setLeaseWait("60s");
        WorkflowJob job = r.createProject(WorkflowJob.class, "release");
        release(r, job, service, "1.4.1", false);
        WorkflowRun second = release(r, job, service, "1.4.2", false);

        BlueGreenAction.ButtonTask task;
        try (var lease = new BuildActionStateStore(second).acquire(service, "another release", Duration.ZERO)) {
            long start = System.nanoTime();
            Page page = post(r, "alice", second, "bluegreen/rollback?service=" + service, true);
            assertThat(page.getWebResponse().getStatusCode()).isEqualTo(200);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(20));
            assertThat(page.getWebResponse().getContentAsString()).contains("data-state=\"running\"");
            task = second.getAction(BlueGreenAction.class).buttonTask(service);
            assertThat(task.isRunning()).isTrue();
            assertThat(post(r, "alice", second, "bluegreen/rollback?service=" + service, true).getWebResponse()
                    .getContentAsString()).contains("still running");
        }
        task.future().get(60, TimeUnit.SECONDS);
        assertThat(task.getResult()).isEqualTo("Live: BLUE (1.4.1)");
        assertThat(state(second, service).live()).isEqualTo(Color.BLUE);
        JenkinsRule.WebClient browser = r.createWebClient().login("alice");
        assertThat(browser.getPage(second, "bluegreen/").getWebResponse().getContentAsString())
                .contains("data-state=\"done\"").contains("Live: BLUE (1.4.1)");
    }

    /** The HTTP router of {@code api}: a JSON POST switches it, authenticated by {@code credentialsId}'s secret. */
    public static HttpTarget switchingApi(ColorApiServer api, String credentialsId) {
        HttpTarget router = new HttpTarget(api.url("/api/upstream"), api.url("/api/upstream"));
        router.setSwitchMethod("POST");
        router.setSwitchHeaders("Content-Type=application/json");
        router.setSwitchBody("{\"color\":\"${color}\"}");
        router.setColorJsonPointer("/upstream/color");
        router.setCredentialsId(credentialsId);
        return router;
    }

    /** Waits for the background work of the last button pressed. */
    public static BlueGreenAction.ButtonTask pressed(WorkflowRun run, String service) throws Exception {
        BlueGreenAction.ButtonTask task = run.getAction(BlueGreenAction.class).buttonTask(service);
        task.future().get(60, TimeUnit.SECONDS);
        return task;
    }

    @Test
    void noSecretInBuildXmlOrLog(JenkinsRule r) throws Exception {
        String service = configure(r);
        CredentialsProvider.lookupStores(r.jenkins).iterator().next().addCredentials(Domain.global(),
                new StringCredentialsImpl(CredentialsScope.GLOBAL, "router-token", "router", Secret.fromString(SECRET)));
        try (ColorApiServer api = new ColorApiServer()) {
            // A router API on loopback that switches on a JSON POST, demands the token, and serves blue to begin with.
            api.requireAuthorization("Bearer " + SECRET);
            HttpTarget router = switchingApi(api, "router-token");
            ServiceConfig config = BlueGreenConfiguration.get().service(service).orElseThrow();
            config.setDriver(router);
            config.setAllowedJobs("release"); // the router is on the controller's loopback
            WorkflowJob job = r.createProject(WorkflowJob.class, "release");
            WorkflowRun run = release(r, job, service, "2.0.0", false);

            assertThat(state(run, service).live()).as("blue was adopted, 2.0.0 went to green").isEqualTo(Color.GREEN);
            assertThat(api.live()).isEqualTo("green");
            assertThat(Files.readString(run.getRootDir().toPath().resolve("build.xml"), StandardCharsets.UTF_8)).doesNotContain(SECRET);
            assertThat(Files.readString(r.jenkins.getRootDir().toPath().resolve("io.jenkins.plugins.bluegreen.jenkins.StateIndex.xml"),
                    StandardCharsets.UTF_8)).doesNotContain(SECRET);
            r.assertLogNotContains(SECRET, run);
        }
    }

    @Test
    void aPipelineMayNotRunCommandsOnTheController(JenkinsRule r) throws Exception {
        String service = configure(r);
        WorkflowJob job = r.createProject(WorkflowJob.class, "sneaky");
        job.setDefinition(new CpsFlowDefinition("blueGreenDeploy(service: '" + service + "', version: '1', "
                + "target: command(switchCommand: 'touch /tmp/owned', observeCommand: 'echo blue')) { echo 'body' }", true));
        WorkflowRun run = r.assertBuildStatus(Result.FAILURE, job.scheduleBuild2(0));
        r.assertLogContains("only an administrator may configure it, for " + service, run);
        r.assertLogNotContains("body", run);
    }

    /** Security with alice (build, and BlueGreen/Rollback) and bob (read only), and a noop service whose colours answer on loopback. */
    private String configure(JenkinsRule r) {
        r.jenkins.setSecurityRealm(r.createDummySecurityRealm());
        r.jenkins.setAuthorizationStrategy(new MockAuthorizationStrategy()
                .grant(Jenkins.READ, Item.READ).everywhere().to("alice", "bob")
                .grant(Item.BUILD, BlueGreenPermissions.ROLLBACK).everywhere().to("alice"));
        String service = "shop-" + Long.toHexString(System.nanoTime());
        BlueGreenConfiguration.get().setServices(List.of(backends.service(service, new NoopTarget())));
        return service;
    }

    /** Runs the release Pipeline and approves the switch as alice over HTTP. */
    public static WorkflowRun release(JenkinsRule r, WorkflowJob job, String service, String version, boolean rollBack)
            throws Exception {
        job.setDefinition(new CpsFlowDefinition(script(service, version, rollBack), true));
        WorkflowRun run = job.scheduleBuild2(0).waitForStart();
        r.waitForMessage("Approve or abort", run);
        r.assertLogContains(service + ": ", run);
        assertThat(r.jenkins.toComputer().countBusy()).as("waiting for the approver holds no executor").isZero();
        assertThat(post(r, "alice", run, "bluegreen/proceed?service=" + service, true).getWebResponse().getStatusCode()).isEqualTo(200);
        return r.assertBuildStatusSuccess(r.waitForCompletion(run));
    }

    public static String script(String service, String version, boolean rollBack) throws IOException {
        try (var in = BlueGreenPipelineITest.class.getResourceAsStream("release.groovy")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("'shop'", "'" + service + "'")
                    .replace("@VERSION@", version).replace("@ROLL_BACK@", String.valueOf(rollBack));
        }
    }

    public static Page post(JenkinsRule r, String user, WorkflowRun run, String path, boolean withCrumb) throws Exception {
        JenkinsRule.WebClient client = r.createWebClient().login(user);
        client.setThrowExceptionOnFailingStatusCode(false);
        WebRequest request = new WebRequest(new URL(r.getURL(), run.getUrl() + path), HttpMethod.POST);
        if (withCrumb) {
            client.addCrumb(request);
        }
        return client.getPage(request);
    }

    public static ServiceState state(WorkflowRun run, String service) {
        return new BuildActionStateStore(run).load(service);
    }
}
