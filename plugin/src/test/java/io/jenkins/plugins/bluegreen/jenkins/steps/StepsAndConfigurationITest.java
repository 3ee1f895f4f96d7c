package io.jenkins.plugins.bluegreen.jenkins.steps;

import static io.jenkins.plugins.casc.misc.Util.getUnclassifiedRoot;
import static io.jenkins.plugins.casc.misc.Util.toStringFromYamlFile;
import static io.jenkins.plugins.casc.misc.Util.toYamlString;
import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.bluegreen.drivers.dns.DnsDriverConfig;
import io.jenkins.plugins.bluegreen.jenkins.approval.ApprovalSpec;
import io.jenkins.plugins.bluegreen.jenkins.config.BlueGreenConfiguration;
import io.jenkins.plugins.bluegreen.jenkins.config.ServiceConfig;
import io.jenkins.plugins.bluegreen.jenkins.targets.DnsTarget;
import io.jenkins.plugins.bluegreen.jenkins.targets.FleetTarget;
import io.jenkins.plugins.bluegreen.jenkins.targets.HaproxyTarget;
import io.jenkins.plugins.bluegreen.jenkins.targets.NoopTarget;
import io.jenkins.plugins.bluegreen.jenkins.targets.TargetDriver;
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
    @ConfiguredWithCode("casc-dns.yaml")
    void aDnsDriverIsConfiguredThroughJcasc(JenkinsConfiguredWithCodeRule r) throws Exception {
        ServiceConfig shop = BlueGreenConfiguration.get().service("shop").orElseThrow();
        assertThat(shop.getDriver()).isInstanceOfSatisfying(DnsTarget.class, dns -> {
            assertThat(dns.getCredentialsId()).isEqualTo("tsig-secret");
            assertThat(dns.getSwitchTtl()).isEqualTo("5s");
            DnsDriverConfig config = (DnsDriverConfig) dns.toConfig();
            assertThat(config.record()).isEqualTo("shop.example.com.");
            assertThat(config.blue()).hasSize(2);
            assertThat(config.watchResolver()).isEqualTo("192.0.2.1:53");
        });

        ConfigurationContext context = new ConfigurationContext(ConfiguratorRegistry.get());
        assertThat(toYamlString(getUnclassifiedRoot(context).get("blueGreen"))).contains("dns:").contains("tsigKey: \"bluegreen-update\"");
    }

    @Test
    @ConfiguredWithCode("casc-fleet.yaml")
    void aFleetOfRoutersIsConfiguredThroughJcasc(JenkinsConfiguredWithCodeRule r) throws Exception {
        ServiceConfig shop = BlueGreenConfiguration.get().service("shop").orElseThrow();
        assertThat(shop.getDriver()).isInstanceOfSatisfying(FleetTarget.class, fleet -> {
            assertThat(fleet.getConfirmTimeout()).isEqualTo("3s");
            assertThat(fleet.toConfig().routers()).extracting(router -> router.name() + " " + router.driver().type())
                    .containsExactly("haproxy-1 haproxy", "haproxy-2 haproxy", "nginx-3 nginx");
            assertThat(fleet.toConfig().controlHosts()).containsExactly("192.0.2.1", "192.0.2.2");
        });

        ConfigurationContext context = new ConfigurationContext(ConfiguratorRegistry.get());
        assertThat(toYamlString(getUnclassifiedRoot(context).get("blueGreen"))).contains("fleet:", "confirmTimeout: \"3s\"", "routers:",
                "- haproxy:", "socket: \"192.0.2.2:9999\"", "- nginx:", "includeFile: \"/etc/nginx/conf.d/shop.conf\"");
    }

    @Test
    @ConfiguredWithCode("casc-haproxy.yaml")
    void anHaproxyRouterKeepsItsFlatSettingsInJcascAndThroughTheModeDropdownForm(JenkinsConfiguredWithCodeRule r) throws Exception {
        ServiceConfig shop = BlueGreenConfiguration.get().service("shop").orElseThrow();
        assertThat(shop.getDriver()).isInstanceOfSatisfying(HaproxyTarget.class, haproxy -> {
            assertThat(haproxy.modeOrDefault()).isEqualTo("map");
            assertThat(haproxy.getMapKey()).isEqualTo("shop.example.com");
        });

        ConfigurationContext context = new ConfigurationContext(ConfiguratorRegistry.get());
        assertThat(toYamlString(getUnclassifiedRoot(context).get("blueGreen")))
                .contains("mode: \"map\"", "mapKey: \"shop.example.com\"", "blueBackend: \"be_blue\"");

        TargetDriver saved = shop.getDriver();
        r.configRoundtrip();
        r.assertEqualDataBoundBeans(saved, BlueGreenConfiguration.get().service("shop").orElseThrow().getDriver());
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

        DnsTarget dns = new DnsTarget("example.com", "shop", "192.0.2.10, 2001:db8::10", "192.0.2.20", "192.0.2.53",
                "bluegreen-update", "tsig-secret");
        dns.setServers("192.0.2.54 192.0.2.55:5353");
        dns.setSwitchTtl("5s");
        dns.setWatchResolver("192.0.2.1:53");
        dns.setTimeout("3s");
        SwitchStep dnsSwitch = new SwitchStep("shop");
        dnsSwitch.setTarget(dns);
        dnsSwitch.setPrepare(true);
        snippets.assertRoundTrip(dnsSwitch, "blueGreenSwitch prepare: true, service: 'shop', target: dns(blue: '192.0.2.10, 2001:db8::10',"
                + " credentialsId: 'tsig-secret', green: '192.0.2.20', primary: '192.0.2.53', record: 'shop',"
                + " servers: '192.0.2.54 192.0.2.55:5353', switchTtl: '5s', timeout: '3s', tsigKey: 'bluegreen-update',"
                + " watchResolver: '192.0.2.1:53', zone: 'example.com')");
        DeployStep preparingDeploy = new DeployStep("shop", "1.4.2");
        preparingDeploy.setPrepareTtl(true);
        snippets.assertRoundTrip(preparingDeploy,
                "blueGreenDeploy(prepareTtl: true, service: 'shop', version: '1.4.2') {\n    // some block\n}");
        HaproxyTarget haproxy = new HaproxyTarget("lb.example.com:9999");
        haproxy.setMode("weights");
        haproxy.setBackend("be_shop");
        DeployStep routedDeploy = new DeployStep("shop", "1.4.2");
        routedDeploy.setTarget(haproxy);
        snippets.assertRoundTrip(routedDeploy, "blueGreenDeploy(service: 'shop', target: haproxy(backend: 'be_shop', mode: 'weights',"
                + " socket: 'lb.example.com:9999'), version: '1.4.2') {\n    // some block\n}");

        HaproxyTarget lb1 = new HaproxyTarget("192.0.2.1:9999");
        lb1.setBackend("be_app");
        HaproxyTarget lb2 = new HaproxyTarget("192.0.2.2:9999");
        lb2.setBackend("be_app");
        FleetTarget fleet = new FleetTarget(List.of(lb1, lb2));
        fleet.setConfirmTimeout("3s");
        SwitchStep fleetSwitch = new SwitchStep("shop");
        fleetSwitch.setTarget(fleet);
        snippets.assertRoundTrip(fleetSwitch, "blueGreenSwitch service: 'shop', target: fleet(confirmTimeout: '3s', routers:"
                + " [haproxy(backend: 'be_app', socket: '192.0.2.1:9999'), haproxy(backend: 'be_app', socket: '192.0.2.2:9999')])");

        RollbackStep rollback = new RollbackStep("shop");
        rollback.setDrill(true);
        rollback.setTarget(new NoopTarget());
        snippets.assertRoundTrip(rollback, "blueGreenRollback drill: true, service: 'shop', target: noop()");
    }
}
