package io.jenkins.plugins.bluegreen.jenkins;

import static io.jenkins.plugins.casc.misc.Util.getUnclassifiedRoot;
import static io.jenkins.plugins.casc.misc.Util.toStringFromYamlFile;
import static io.jenkins.plugins.casc.misc.Util.toYamlString;
import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.casc.ConfigurationContext;
import io.jenkins.plugins.casc.ConfiguratorRegistry;
import io.jenkins.plugins.casc.misc.ConfiguredWithCode;
import io.jenkins.plugins.casc.misc.JenkinsConfiguredWithCodeRule;
import io.jenkins.plugins.casc.misc.junit.jupiter.WithJenkinsConfiguredWithCode;
import java.util.List;
import org.jenkinsci.plugins.structs.describable.DescribableModel;
import org.jenkinsci.plugins.workflow.cps.SnippetizerTester;
import org.junit.jupiter.api.Test;

/** Snippet Generator and JCasC see the same arguments Pipeline authors write. */
@WithJenkinsConfiguredWithCode
class StepsAndConfigurationITest {

    @Test
    @ConfiguredWithCode("casc.yaml")
    void globalConfigurationRoundTripsThroughJcasc(JenkinsConfiguredWithCodeRule r) throws Exception {
        ServiceConfig shop = BlueGreenConfiguration.get().service("shop").orElseThrow();
        assertThat(shop.getDriver()).isInstanceOf(NoopTarget.class);
        assertThat(shop.getWatch()).isEqualTo("60s");
        assertThat(shop.getAllowedJobs()).isEqualTo("release team-shop/**");
        assertThat(BlueGreenConfiguration.get().inlinePolicy().hosts().allows("edge.routers.example.com")).isTrue();

        ConfigurationContext context = new ConfigurationContext(ConfiguratorRegistry.get());
        String exported = toYamlString(getUnclassifiedRoot(context).get("blueGreen"));
        assertThat(exported).isEqualTo(toStringFromYamlFile(this, "casc-export.yaml"));
    }

    @Test
    @ConfiguredWithCode("casc.yaml")
    void everyStepRoundTripsThroughTheSnippetGenerator(JenkinsConfiguredWithCodeRule r) throws Exception {
        SnippetizerTester snippets = new SnippetizerTester(r);
        snippets.assertRoundTrip(new DeployStep("shop", "1.4.2"),
                "blueGreenDeploy(service: 'shop', version: '1.4.2') {\n    // some block\n}");

        HttpCheckSpec health = new HttpCheckSpec("/health");
        health.setBodyContains("UP");
        VerifyStep verify = new VerifyStep("shop", List.of(health, new WarmUpSpec("/", 50, "200ms")));
        verify.setColors("both");
        snippets.assertRoundTrip(verify, "blueGreenVerify checks: [httpCheck(bodyContains: 'UP', path: '/health'), "
                + "warmUp(p95: '200ms', path: '/', requests: 50)], colors: 'both', service: 'shop'");
        VerifyStep old = new VerifyStep("shop", List.of(health));
        old.setTarget("live");
        assertThat(old.getColors()).as("the deprecated name still works").isEqualTo("live");
        snippets.assertRoundTrip(old, "blueGreenVerify checks: [httpCheck(bodyContains: 'UP', path: '/health')], "
                + "colors: 'live', service: 'shop'");
        assertThat(DescribableModel.of(VerifyStep.class).getParameter("target").isDeprecated()).isTrue();

        ApprovalSpec approval = new ApprovalSpec();
        approval.setSubmitter("release-managers");
        approval.setMessage("Promote 1.4.2?");
        SwitchStep switchStep = new SwitchStep("shop");
        switchStep.setApproval(approval);
        switchStep.setWatch("60s");
        snippets.assertRoundTrip(switchStep,
                "blueGreenSwitch approval: [message: 'Promote 1.4.2?', submitter: 'release-managers'], service: 'shop', watch: '60s'");

        RollbackStep rollback = new RollbackStep("shop");
        rollback.setDrill(true);
        rollback.setTarget(new NoopTarget());
        snippets.assertRoundTrip(rollback, "blueGreenRollback drill: true, service: 'shop', target: noop()");
    }
}
