package io.jenkins.plugins.bluegreen.jenkins.state;

import static org.assertj.core.api.Assertions.assertThat;

import hudson.model.Item;
import hudson.model.User;
import hudson.security.GlobalMatrixAuthorizationStrategy;
import io.jenkins.plugins.bluegreen.drivers.http.ColorApiServer;
import io.jenkins.plugins.bluegreen.jenkins.Backends;
import io.jenkins.plugins.bluegreen.jenkins.config.BlueGreenConfiguration;
import io.jenkins.plugins.bluegreen.jenkins.BlueGreenPermissions;
import io.jenkins.plugins.bluegreen.jenkins.config.ServiceConfig;
import io.jenkins.plugins.bluegreen.jenkins.steps.BlueGreenPipelineITest;
import io.jenkins.plugins.bluegreen.jenkins.targets.NoopTarget;
import io.jenkins.plugins.bluegreen.jenkins.targets.TargetDriver;
import io.jenkins.plugins.bluegreen.model.Color;
import io.jenkins.plugins.bluegreen.model.Event;
import io.jenkins.plugins.bluegreen.model.EventType;
import io.jenkins.plugins.bluegreen.model.ServiceState;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;
import jenkins.model.Jenkins;
import org.htmlunit.Page;
import org.htmlunit.html.DomElement;
import org.htmlunit.html.DomNode;
import org.htmlunit.html.HtmlElement;
import org.htmlunit.html.HtmlPage;
import org.jenkinsci.plugins.matrixauth.PermissionEntry;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/**
 * The Blue/Green page as a release engineer meets it, with matrix-auth: the truth about the service now (a stale page
 * says so, the router is read and disagreement shown), who may do what, and what each button says it does.
 *
 * <p>Users: alice approves and builds; bob may only build; carol holds BlueGreen/Rollback alone; dave may configure
 * the job, which implies BlueGreen/Rollback.
 */
@WithJenkins
class BlueGreenPageITest {

    @RegisterExtension
    private final Backends backends = new Backends("any", "any");

    @Test
    void aStalePageSaysTheStateMovedOnAndLabelsItsButtonsFromTheCurrentState(JenkinsRule r) throws Exception {
        String service = secureWithNoopService(r);
        WorkflowJob release = r.createProject(WorkflowJob.class, "release");
        forceRelease(r, release, service, "1.0");
        WorkflowRun second = forceRelease(r, release, service, "2.0");
        WorkflowJob rollback = r.createProject(WorkflowJob.class, "shop-rollback");
        rollback.setDefinition(new CpsFlowDefinition("blueGreenRollback(service: '" + service + "', reason: 'errors up')", true));
        WorkflowRun rolledBack = r.buildAndAssertSuccess(rollback);
        r.assertLogContains(service + ": switching back GREEN (2.0) -> BLUE (1.0)", rolledBack);

        HtmlPage stale = page(r, "dave", second);
        DomElement banner = only(stale, ".bluegreen-moved-on");
        assertThat(banner.asNormalizedText()).contains("State has moved on: now Live BLUE (1.0), recorded by shop-rollback #1");
        assertThat(first(banner, "a").getAttribute("href")).endsWith("job/shop-rollback/1/bluegreen/");
        assertThat(only(stale, "button.bluegreen-rollback").asNormalizedText()).isEqualTo("Roll forward to GREEN (2.0)");
        assertThat(second.getAction(BlueGreenAction.class).getDisplayName()).as("the sidebar names the service")
                .isEqualTo(service + ": Live GREEN (2.0)");

        HtmlPage newest = page(r, "dave", rolledBack);
        assertThat(newest.querySelectorAll(".bluegreen-moved-on")).isEmpty();
        assertThat(only(newest, "button.bluegreen-rollback").asNormalizedText()).isEqualTo("Roll forward to GREEN (2.0)");
        assertThat(newest.querySelectorAll(".bluegreen-service tbody tr td:nth-child(6)").stream().map(DomNode::asNormalizedText))
                .as("events say which way traffic went").anyMatch(detail -> detail.startsWith("switched back to BLUE (1.0) from GREEN (2.0)"));
        assertThat(newest.querySelectorAll("time[tooltip]")).as("relative times with the exact time as a tooltip").isNotEmpty()
                .allSatisfy(time -> assertThat(time.asNormalizedText()).matches("just now|.* ago|in .*"));
    }

    @Test
    void aRouterMovedByHandIsShownInRedAndReconciledByWhoMayDoSo(JenkinsRule r) throws Exception {
        try (ColorApiServer api = new ColorApiServer()) {
            String service = secure(r, BlueGreenPipelineITest.switchingApi(api, null));
            WorkflowJob release = r.createProject(WorkflowJob.class, "release");
            WorkflowRun run = forceRelease(r, release, service, "1.0");
            assertThat(api.live()).isEqualTo("green");
            HtmlPage agreeing = page(r, "bob", run);
            assertThat(only(agreeing, ".bluegreen-router").asNormalizedText()).contains("Router serves GREEN, read");
            assertThat(agreeing.querySelectorAll(".bluegreen-drift")).isEmpty();

            flipByHand(api, "blue");
            assertThat(post(r, "bob", run, "bluegreen/checkRouter?service=" + service).getWebResponse().getStatusCode()).isEqualTo(200);
            HtmlPage drifted = page(r, "dave", run);
            assertThat(only(drifted, ".error.bluegreen-drift").asNormalizedText())
                    .contains("the router serves BLUE but the record says GREEN is live");
            assertThat(only(drifted, "button.bluegreen-rollback").hasAttribute("disabled")).isTrue();
            assertThat(drifted.querySelectorAll("form[name='reconcile-" + service + "'] button")).hasSize(1);
            assertThat(page(r, "bob", run).querySelectorAll("form[name='reconcile-" + service + "']")).as("bob may not").isEmpty();

            String reconcile = "bluegreen/reconcile?service=" + service;
            assertThat(post(r, "bob", run, reconcile).getWebResponse().getStatusCode()).isEqualTo(403);
            Page done = post(r, "dave", run, reconcile);
            assertThat(done.getWebResponse().getStatusCode()).isEqualTo(200);
            BlueGreenAction.ButtonTask task = BlueGreenPipelineITest.pressed(run, service);
            assertThat(task.isFailed()).as(task.getResult()).isFalse();
            ServiceState after = BlueGreenPipelineITest.state(run, service);
            assertThat(after.live()).isEqualTo(Color.BLUE);
            assertThat(after.events().get(after.events().size() - 1)).satisfies(event -> {
                assertThat(event.type()).isEqualTo(EventType.RECONCILED);
                assertThat(event.actor()).isEqualTo("dave");
            });
            HtmlPage reconciled = page(r, "dave", run);
            assertThat(reconciled.querySelectorAll(".bluegreen-drift")).isEmpty();
            assertThat(only(reconciled, ".bluegreen-button-task").asNormalizedText()).contains("Reconcile with router by dave");
            assertThat(api.live()).as("reconcile moves no traffic").isEqualTo("blue");
        }
    }

    @Test
    void rollingBackNeedsBlueGreenRollbackWhichJobBuildDoesNotImplyAndJobConfigureDoes(JenkinsRule r) throws Exception {
        String service = secureWithNoopService(r);
        WorkflowJob release = r.createProject(WorkflowJob.class, "release");
        forceRelease(r, release, service, "1.0");
        WorkflowRun second = forceRelease(r, release, service, "2.0");

        assertThat(release.getACL().hasPermission2(User.getById("dave", true).impersonate2(), BlueGreenPermissions.ROLLBACK)).isTrue();
        assertThat(release.getACL().hasPermission2(User.getById("bob", true).impersonate2(), BlueGreenPermissions.ROLLBACK)).isFalse();
        assertThat(page(r, "bob", second).querySelectorAll("button.bluegreen-rollback")).as("no buttons for bob").isEmpty();
        String rollback = "bluegreen/rollback?service=" + service + "&reason=latency";
        assertThat(post(r, "bob", second, rollback).getWebResponse().getStatusCode()).isEqualTo(403);
        assertThat(BlueGreenPipelineITest.state(second, service).live()).isEqualTo(Color.GREEN);

        HtmlPage carols = page(r, "carol", second);
        DomElement button = only(carols, "button.bluegreen-rollback");
        assertThat(button.asNormalizedText()).isEqualTo("Switch back to BLUE (1.0)");
        assertThat(button.getAttribute("data-title")).isEqualTo(service + ": Switch back to BLUE (1.0)?");
        assertThat(first(((HtmlElement) button).getEnclosingForm(), "input[name='reason']")).as("the reason goes with its button").isNotNull();
        assertThat(post(r, "carol", second, rollback).getWebResponse().getStatusCode()).isEqualTo(200);
        BlueGreenAction.ButtonTask task = BlueGreenPipelineITest.pressed(second, service);
        assertThat(task.getResult()).isEqualTo("Live: BLUE (1.0)");
        ServiceState after = BlueGreenPipelineITest.state(second, service);
        assertThat(after.events().get(after.events().size() - 1)).satisfies(event -> {
            assertThat(event.actor()).isEqualTo("carol");
            assertThat(event.detail()).startsWith("switched back to BLUE (1.0) from GREEN (2.0)").contains("latency");
        });
        assertThat(only(page(r, "carol", second), "button.bluegreen-rollback").asNormalizedText()).isEqualTo("Roll forward to GREEN (2.0)");
    }

    @Test
    void beforeAnyStandbyTheDisabledButtonNamesNoColour(JenkinsRule r) throws Exception {
        String service = secureWithNoopService(r);
        WorkflowRun first = forceRelease(r, r.createProject(WorkflowJob.class, "release"), service, "1.0");

        DomElement button = only(page(r, "dave", first), "button.bluegreen-rollback");
        assertThat(button.hasAttribute("disabled")).isTrue();
        assertThat(button.asNormalizedText()).isEqualTo("Switch back (no standby)");
    }

    @Test
    void approversSeeProceedAndAbortOthersSeeWhoMayAndTheAnswerShowsTheSwitch(JenkinsRule r) throws Exception {
        String service = secureWithNoopService(r);
        WorkflowJob job = r.createProject(WorkflowJob.class, "release");
        forceRelease(r, job, service, "1.4.1");
        job.setDefinition(new CpsFlowDefinition(BlueGreenPipelineITest.script(service, "1.4.2", false), true));
        WorkflowRun run = job.scheduleBuild2(0).waitForStart();
        r.waitForMessage("Approve or abort", run);
        r.assertLogContains(service + ": waiting for approval until ", run);

        HtmlPage bobs = page(r, "bob", run);
        DomElement question = only(bobs, ".bluegreen-approval");
        assertThat(question.asNormalizedText()).contains("Approvers: alice.");
        assertThat(question.querySelectorAll("button")).as("no buttons for who may not answer").isEmpty();
        assertThat(only(bobs, ".bluegreen-not-approver")).isNotNull();
        assertThat(question.querySelectorAll(".bluegreen-checks li").stream().map(DomNode::asNormalizedText))
                .isNotEmpty().allMatch(line -> line.startsWith("✔ ")).noneMatch(line -> line.contains("SUCCESSFUL"));
        assertThat(first(question, "time[tooltip]").asNormalizedText()).startsWith("in ");

        HtmlPage jobPage = r.createWebClient().login("bob").getPage(job);
        assertThat(only(jobPage, ".bluegreen-waiting").asNormalizedText())
                .contains("Awaiting approval: " + service + ": BLUE (1.4.1) -> GREEN (1.4.2)").contains("approvers: alice");
        assertThat(jobPage.querySelectorAll("th").stream().map(DomNode::asNormalizedText)).contains("Service", "Live", "Router", "Standby");

        DomElement alices = only(page(r, "alice", run), ".bluegreen-approval");
        assertThat(first(alices, "form[name='proceed'] button").getAttribute("class")).contains("jenkins-button--primary");
        DomElement abort = first(alices, "form[name='abort']");
        assertThat(first(abort, "button").getAttribute("class")).contains("jenkins-button--destructive");
        assertThat(first(abort, "input[name='comment']")).isNotNull();

        Instant beforeAnswer = Instant.now();
        Page answered = post(r, "alice", run, "bluegreen/proceed?service=" + service);
        assertThat(answered.getWebResponse().getContentAsString()).doesNotContain("bluegreen-approval")
                .contains("Switch approved by alice");
        r.assertBuildStatusSuccess(r.waitForCompletion(run));
        HtmlPage after = page(r, "alice", run);
        DomElement outcome = only(after, ".bluegreen-button-task");
        assertThat(outcome.getAttribute("data-state")).isEqualTo("done");
        assertThat(outcome.asNormalizedText()).contains("Live: GREEN (1.4.2)");
        assertThat(only(post(r, "alice", run, "bluegreen/proceed?service=" + service), ".bluegreen-notice").asNormalizedText())
                .as("a second click is refused on the page").contains("No switch of " + service + " is waiting for approval any more");

        List<Event> events = BlueGreenPipelineITest.state(run, service).events();
        Event requested = events.stream().filter(e -> e.type() == EventType.APPROVAL_REQUESTED).reduce((a, b) -> b).orElseThrow();
        Event granted = events.stream().filter(e -> e.type() == EventType.APPROVAL_GRANTED).reduce((a, b) -> b).orElseThrow();
        assertThat(requested.at()).as("the request's own time").isBefore(beforeAnswer).isBefore(granted.at());
        String log = r.getLog(run);
        assertThat(log.indexOf("waiting for approval until")).as("printed when the wait starts")
                .isNotNegative().isLessThan(log.indexOf("switching traffic"));
    }

    @Test
    void theFullSwitchReportIsInsideJenkinsLayoutWithALinkBack(JenkinsRule r) throws Exception {
        String service = secureWithNoopService(r);
        BlueGreenConfiguration.get().service(service).orElseThrow().setPublicUrl(backends.green().url()); // for the watch to probe
        WorkflowJob job = r.createProject(WorkflowJob.class, "release");
        job.setDefinition(new CpsFlowDefinition("blueGreenDeploy(service: '" + service + "', version: '1.0') { echo 'deployed' }\n"
                + "blueGreenSwitch(service: '" + service + "', force: true, watch: '1s')\n", true));
        WorkflowRun run = r.buildAndAssertSuccess(job);

        HtmlPage report = webClient(r, "bob").getPage(run, "bluegreen/report?service=" + service);
        assertThat(report.getTitleText()).contains("Switch report").contains(service);
        assertThat(first(report, "#page-header")).as("Jenkins' header").isNotNull();
        assertThat(only(report, "a.bluegreen-back").getAttribute("href")).isEqualTo("./");
        assertThat(report.querySelectorAll("table.bluegreen-figures tr")).isNotEmpty();
        assertThat(first(report, "img[src='timeline?service=" + service + "']")).isNotNull();
        for (HtmlPage page : List.of(report, page(r, "bob", run))) {
            assertThat(only(page, "img.bluegreen-timeline").getAttribute("src")).as("the timeline shrinks with the panel")
                    .isEqualTo("timeline?service=" + service);
            DomElement stylesheet = only(page, "link[rel='stylesheet'][href$='/BlueGreenAction/bluegreen.css']");
            String css = page.getWebClient().getPage(page.getFullyQualifiedUrl(stylesheet.getAttribute("href")))
                    .getWebResponse().getContentAsString();
            assertThat(css).contains(".bluegreen-timeline").contains("max-width: 100%");
        }
    }

    // ---------------------------------------------------------------- helpers

    /** Matrix-auth with the four users of this class, and a noop service. */
    private String secureWithNoopService(JenkinsRule r) {
        String service = secure(r, new NoopTarget());
        ServiceConfig config = BlueGreenConfiguration.get().service(service).orElseThrow();
        config.setAllowedJobs(null);
        return service;
    }

    private String secure(JenkinsRule r, TargetDriver router) {
        r.jenkins.setSecurityRealm(r.createDummySecurityRealm());
        GlobalMatrixAuthorizationStrategy matrix = new GlobalMatrixAuthorizationStrategy();
        for (String user : List.of("alice", "bob", "carol", "dave")) {
            matrix.add(Jenkins.READ, PermissionEntry.user(user));
            matrix.add(Item.READ, PermissionEntry.user(user));
        }
        matrix.add(Item.BUILD, PermissionEntry.user("alice"));
        matrix.add(Item.BUILD, PermissionEntry.user("bob"));
        matrix.add(BlueGreenPermissions.ROLLBACK, PermissionEntry.user("carol"));
        matrix.add(Item.CONFIGURE, PermissionEntry.user("dave"));
        r.jenkins.setAuthorizationStrategy(matrix);
        String service = "shop-" + Long.toHexString(System.nanoTime());
        ServiceConfig config = backends.service(service, router);
        config.setAllowedJobs("release"); // an HTTP router on the controller's loopback
        BlueGreenConfiguration.get().setServices(List.of(config));
        return service;
    }

    /** Deploys {@code version} and switches to it without approval or watch. */
    private static WorkflowRun forceRelease(JenkinsRule r, WorkflowJob job, String service, String version) throws Exception {
        job.setDefinition(new CpsFlowDefinition("blueGreenDeploy(service: '" + service + "', version: '" + version + "') { echo 'deployed' }\n"
                + "blueGreenSwitch(service: '" + service + "', force: true, watch: '0s')\n", true));
        return r.buildAndAssertSuccess(job);
    }

    private static void flipByHand(ColorApiServer api, String color) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(api.url("/api/upstream")))
                .POST(HttpRequest.BodyPublishers.ofString("{\"color\":\"" + color + "\"}")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(204);
        assertThat(api.live()).isEqualTo(color);
    }

    private static JenkinsRule.WebClient webClient(JenkinsRule r, String user) throws Exception {
        JenkinsRule.WebClient client = r.createWebClient().login(user);
        client.getOptions().setJavaScriptEnabled(false); // the page is read, not clicked; its script is an adjunct
        return client;
    }

    private static HtmlPage page(JenkinsRule r, String user, WorkflowRun run) throws Exception {
        return webClient(r, user).getPage(run, "bluegreen/");
    }

    private static Page post(JenkinsRule r, String user, WorkflowRun run, String path) throws Exception {
        return BlueGreenPipelineITest.post(r, user, run, path, true);
    }

    /** The first element matching {@code selector} in {@code within}, or {@code null}. */
    private static DomElement first(DomNode within, String selector) {
        return within.querySelector(selector);
    }

    private static DomElement only(Page page, String selector) {
        assertThat(page).isInstanceOf(HtmlPage.class);
        List<DomElement> found = ((HtmlPage) page).querySelectorAll(selector).stream().map(DomElement.class::cast).toList();
        assertThat(found).as(selector).hasSize(1);
        return found.get(0);
    }

    private static DomElement only(DomElement within, String selector) {
        List<DomElement> found = within.querySelectorAll(selector).stream().map(DomElement.class::cast).toList();
        assertThat(found).as(selector).hasSize(1);
        return found.get(0);
    }
}
