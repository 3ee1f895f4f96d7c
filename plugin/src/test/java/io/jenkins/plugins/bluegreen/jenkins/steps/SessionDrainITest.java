package io.jenkins.plugins.bluegreen.jenkins.steps;

import static org.assertj.core.api.Assertions.assertThat;

import hudson.model.Result;
import hudson.util.FormValidation;
import io.jenkins.plugins.bluegreen.drivers.haproxy.HaproxyDriverConfig;
import io.jenkins.plugins.bluegreen.jenkins.Backends;
import io.jenkins.plugins.bluegreen.jenkins.config.BlueGreenConfiguration;
import io.jenkins.plugins.bluegreen.jenkins.config.ServiceConfig;
import io.jenkins.plugins.bluegreen.jenkins.targets.HaproxyTarget;
import io.jenkins.plugins.bluegreen.jenkins.targets.NoopTarget;
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
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/** A service configured with {@code sessions: drain}: the switch step drains through a real HAProxy; other routers are refused. */
@WithJenkins
class SessionDrainITest {

    @RegisterExtension
    private final Backends backends = new Backends("1.0", "2.0");

    @Test
    void theSwitchStepDrainsSessionsPinnedToTheOldColourThroughHaproxy(JenkinsRule r) throws Exception {
        TestPrerequisites.requireProgram("haproxy");
        try (LabRouter haproxy = HaproxyLab.startWithSessionCookie(backends.blue().url(), backends.green().url(), "SRV")) {
            HaproxyDriverConfig lab = (HaproxyDriverConfig) haproxy.driverConfig();
            HaproxyTarget router = new HaproxyTarget(lab.socket());
            router.setBackend(lab.backend());
            ServiceConfig shop = backends.service("shop", router);
            shop.setPublicUrl(haproxy.publicUrl());
            shop.setAllowedJobs("release"); // HAProxy's Runtime API is on the controller's loopback
            shop.setSessions("drain");
            shop.setSessionCookie("SRV");
            shop.setSessionPeriod("30s");
            shop.setSessionIdle("1s");
            BlueGreenConfiguration.get().setServices(List.of(shop));
            WorkflowJob job = r.createProject(WorkflowJob.class, "release");
            job.setDefinition(new CpsFlowDefinition(Backends.RELEASE_SHOP_2_0, true));

            WorkflowRun run = r.buildAndAssertSuccess(job);

            r.assertLogContains("BLUE keeps the sessions pinned to it while they drain", run);
            r.assertLogContains("BLUE drained (sessions pinned by cookie SRV", run);
            List<Event> events = BlueGreenPipelineITest.state(run, "shop").events();
            assertThat(events).extracting(Event::type).containsSubsequence(EventType.SWITCHED, EventType.SESSIONS_DRAINED);
            assertThat(BlueGreenPipelineITest.state(run, "shop").live()).isEqualTo(Color.GREEN);
            assertThat(colorFor(haproxy, "SRV=blue")).as("a session pinned to blue once the drain ended").isEqualTo("green");
        }
    }

    @Test
    void aRouterThatCannotDrainSessionsIsRefusedAtTheFirstStepNamingTheSetting(JenkinsRule r) throws Exception {
        ServiceConfig shop = backends.service("shop", new NoopTarget());
        shop.setSessions("drain");
        shop.setSessionCookie("SRV");
        shop.setSessionPeriod("15m");
        BlueGreenConfiguration.get().setServices(List.of(shop));
        WorkflowJob job = r.createProject(WorkflowJob.class, "release");
        job.setDefinition(new CpsFlowDefinition(Backends.RELEASE_SHOP_2_0, true));

        WorkflowRun run = r.buildAndAssertStatus(Result.FAILURE, job);

        r.assertLogContains("sessions: the noop router cannot keep sessions on the old colour", run);
        r.assertLogNotContains("deploying 2.0", run);
    }

    @Test
    void theFormChecksTheSessionSettingsTogetherNamingTheField(JenkinsRule r) {
        ServiceConfig.DescriptorImpl form = r.jenkins.getDescriptorByType(ServiceConfig.DescriptorImpl.class);

        assertThat(form.doCheckSessions("drain", "SRV", "15m", "1m").kind).isEqualTo(FormValidation.Kind.OK);
        assertThat(form.doCheckSessions("", "", "", "").kind).isEqualTo(FormValidation.Kind.OK);
        assertThat(form.doCheckSessions("drain", "", "15m", "").getMessage()).startsWith("sessionCookie: missing");
        assertThat(form.doCheckSessions("drain", "SRV", "soon", "").getMessage()).startsWith("sessionPeriod: &#039;soon&#039; is not a duration");
        assertThat(form.doCheckSessions("drain", "SRV", "10m", "1h").getMessage()).startsWith("sessionIdle: 1h is longer");
        assertThat(form.doCheckSessions("sticky", "SRV", "10m", "").getMessage()).startsWith("sessions: &#039;sticky&#039;");
    }

    private static String colorFor(LabRouter haproxy, String cookie) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(haproxy.publicUrl()))
                .header("Cookie", cookie).timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        return response.headers().firstValue("X-Color").orElse("none: " + response.statusCode());
    }
}
