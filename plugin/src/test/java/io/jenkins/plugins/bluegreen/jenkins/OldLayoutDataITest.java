package io.jenkins.plugins.bluegreen.jenkins;

import static org.assertj.core.api.Assertions.assertThat;

import hudson.ExtensionList;
import hudson.diagnosis.OldDataMonitor;
import hudson.security.Permission;
import io.jenkins.plugins.bluegreen.jenkins.config.BlueGreenConfiguration;
import io.jenkins.plugins.bluegreen.jenkins.config.ServiceConfig;
import io.jenkins.plugins.bluegreen.jenkins.state.BlueGreenAction;
import io.jenkins.plugins.bluegreen.jenkins.state.ServiceRecord;
import io.jenkins.plugins.bluegreen.jenkins.state.StateIndex;
import io.jenkins.plugins.bluegreen.jenkins.targets.HaproxyTarget;
import io.jenkins.plugins.bluegreen.model.Color;
import io.jenkins.plugins.bluegreen.model.Event;
import io.jenkins.plugins.bluegreen.model.EventType;
import io.jenkins.plugins.bluegreen.model.ServiceState;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.htmlunit.html.HtmlPage;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;
import org.jvnet.hudson.test.recipes.LocalData;

/**
 * A JENKINS_HOME written by 0.1.0, when every class was in {@code io.jenkins.plugins.bluegreen.jenkins}: two jobs
 * that released {@code shop} through HAProxy (deploy, verify, approval, switch, rollbacks from the page), their
 * builds' {@code build.xml} and the global configuration and state index files. It loads into the packages by role.
 */
@WithJenkins
class OldLayoutDataITest {

    private static final String OLD_ACTION = "io.jenkins.plugins.bluegreen.jenkins.BlueGreenAction";

    @Test
    @LocalData
    void buildsAndConfigurationWrittenByTheOldLayoutLoadAndShowAsRecorded(JenkinsRule r) throws Exception {
        WorkflowRun released = run(r, "shop-release", 2);
        ServiceState afterRelease = record(released).getState();
        assertThat(afterRelease.revision()).isEqualTo(18);
        assertThat(afterRelease.live()).isEqualTo(Color.GREEN);
        assertThat(afterRelease.green().version()).isEqualTo("v3");
        assertThat(afterRelease.events()).hasSize(20);
        assertThat(afterRelease.events().stream().map(Event::type)).containsSubsequence(EventType.APPROVAL_GRANTED,
                EventType.SWITCHED, EventType.ROLLED_BACK, EventType.ROLLED_BACK);
        assertThat(afterRelease.events().get(19).detail()).startsWith("rolled forward to GREEN (v3) from BLUE");
        assertThat(record(released).getLastSwitch().from()).isEqualTo(Color.BLUE);
        assertThat(record(released).getLastSwitch().to()).isEqualTo(Color.GREEN);

        ServiceState afterFirstRelease = record(run(r, "shop-release", 1)).getState();
        assertThat(afterFirstRelease.live()).isEqualTo(Color.BLUE);
        assertThat(afterFirstRelease.green().version()).isEqualTo("v2");

        ServiceRecord rolledBack = record(run(r, "shop-rollback", 2));
        assertThat(rolledBack.getState().revision()).isEqualTo(17);
        assertThat(rolledBack.getState().live()).isEqualTo(Color.BLUE);
        assertThat(rolledBack.getState().green().version()).isEqualTo("v3");
        assertThat(rolledBack.getState().events().get(18).detail()).startsWith("switched back to BLUE from GREEN (v3)");
        assertThat(rolledBack.getLastSwitch().to()).isEqualTo(Color.BLUE);
        assertThat(record(run(r, "shop-rollback", 1)).getState().revision()).isEqualTo(8);

        StateIndex.Pointer newest = StateIndex.get().pointer("shop");
        assertThat(newest).hasToString("shop-release #2");

        ServiceConfig shop = BlueGreenConfiguration.get().service("shop").orElseThrow();
        assertThat(shop.getBlueUrl()).isEqualTo("http://127.0.0.1:58793");
        assertThat(shop.getWatch()).isEqualTo("10s");
        assertThat(shop.getAllowedJobs()).isEqualTo("shop-release shop-rollback");
        assertThat(shop.getDriver()).isInstanceOfSatisfying(HaproxyTarget.class, haproxy -> {
            assertThat(haproxy.getSocket()).isEqualTo("127.0.0.1:35775");
            assertThat(haproxy.getMode()).isEqualTo("server-state");
            assertThat(haproxy.getBackend()).isEqualTo("be_app");
        });

        assertThat(Permission.fromId("io.jenkins.plugins.bluegreen.jenkins.BlueGreenPermissions.Rollback"))
                .as("grants of BlueGreen/Rollback kept by ID in matrix-auth's or role-strategy's configuration")
                .isSameAs(BlueGreenPermissions.ROLLBACK);

        // Anything XStream could not map would be dropped from the objects above and listed here as unreadable.
        assertThat(ExtensionList.lookupSingleton(OldDataMonitor.class).getData().values())
                .allSatisfy(range -> assertThat(String.valueOf(range.extra)).doesNotContain("io.jenkins.plugins.bluegreen"));

        try (JenkinsRule.WebClient web = r.createWebClient()) {
            HtmlPage page = web.getPage(released, BlueGreenAction.URL_NAME + "/");
            assertThat(page.querySelector(".bluegreen-service").asNormalizedText()).contains("GREEN (v3)");
            HtmlPage jobPage = web.getPage(released.getParent());
            assertThat(jobPage.querySelector("tr[data-service=shop]").asNormalizedText()).contains("GREEN (v3)");
        }
    }

    @Test
    @LocalData("buildsAndConfigurationWrittenByTheOldLayoutLoadAndShowAsRecorded")
    void savedAgainTheyKeepTheirFileNamesAndTakeTheNewClassNames(JenkinsRule r) throws Exception {
        WorkflowRun released = run(r, "shop-release", 2);
        released.save();
        BlueGreenConfiguration.get().save();

        assertThat(read(released.getRootDir().toPath().resolve("build.xml")))
                .contains(BlueGreenAction.class.getName()).doesNotContain(OLD_ACTION);
        Path home = r.jenkins.getRootDir().toPath();
        assertThat(read(home.resolve("io.jenkins.plugins.bluegreen.jenkins.BlueGreenConfiguration.xml")))
                .contains("<" + BlueGreenConfiguration.class.getName()).contains(HaproxyTarget.class.getName());
        assertThat(home.resolve(BlueGreenConfiguration.class.getName() + ".xml")).doesNotExist();

        r.jenkins.reload();
        assertThat(record(run(r, "shop-release", 2)).getState().revision()).isEqualTo(18);
        assertThat(BlueGreenConfiguration.get().service("shop").orElseThrow().getDriver()).isInstanceOf(HaproxyTarget.class);
    }

    private static WorkflowRun run(JenkinsRule r, String job, int number) {
        WorkflowRun run = r.jenkins.getItemByFullName(job, WorkflowJob.class).getBuildByNumber(number);
        assertThat(run).as(job + " #" + number).isNotNull();
        assertThat(run.getAction(BlueGreenAction.class)).as("Blue/Green action of " + run).isNotNull();
        return run;
    }

    private static ServiceRecord record(WorkflowRun run) {
        List<ServiceRecord> services = run.getAction(BlueGreenAction.class).getServices();
        assertThat(services).extracting(ServiceRecord::getService).containsExactly("shop");
        return services.get(0);
    }

    private static String read(Path file) throws Exception {
        return Files.readString(file, StandardCharsets.UTF_8);
    }
}
