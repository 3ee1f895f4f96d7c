package io.jenkins.plugins.bluegreen.jenkins.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.cloudbees.plugins.credentials.CredentialsProvider;
import com.cloudbees.plugins.credentials.CredentialsScope;
import com.cloudbees.plugins.credentials.domains.Domain;
import hudson.model.Item;
import hudson.model.Result;
import hudson.model.User;
import hudson.security.ACL;
import hudson.security.ACLContext;
import hudson.util.Secret;
import io.jenkins.plugins.bluegreen.drivers.http.ColorApiServer;
import io.jenkins.plugins.bluegreen.jenkins.Backends;
import io.jenkins.plugins.bluegreen.jenkins.config.BlueGreenConfiguration;
import io.jenkins.plugins.bluegreen.jenkins.config.ServiceConfig;
import io.jenkins.plugins.bluegreen.jenkins.steps.BlueGreenPipelineITest;
import io.jenkins.plugins.bluegreen.jenkins.support.CredentialsSecretSource;
import io.jenkins.plugins.bluegreen.jenkins.targets.HaproxyTarget;
import io.jenkins.plugins.bluegreen.jenkins.targets.NoopTarget;
import io.jenkins.plugins.bluegreen.jenkins.ui.JobServicesAction;
import io.jenkins.plugins.bluegreen.model.BadInputException;
import io.jenkins.plugins.bluegreen.model.Color;
import java.util.List;
import jenkins.model.Jenkins;
import org.jenkinsci.plugins.plaincredentials.impl.StringCredentialsImpl;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.MockAuthorizationStrategy;
import org.jvnet.hudson.test.MockFolder;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/** Who may release a service, what a Pipeline's own router may reach, and which credentials each router sees. */
@WithJenkins
class ReleaseAuthorizationITest {

    @RegisterExtension
    private final Backends backends = new Backends("any", "any");

    @Test
    void onlyTheListedJobsMayReleaseAServiceAndTheRefusalNamesTheSetting(JenkinsRule r) throws Exception {
        ServiceConfig guarded = backends.service("guarded", new NoopTarget());
        guarded.setAllowedJobs("team-a/*");
        BlueGreenConfiguration.get().setServices(List.of(guarded));

        WorkflowRun refused = r.buildAndAssertStatus(Result.FAILURE, job(r.jenkins, "other", deployAndSwitch("guarded")));
        r.assertLogContains("other may not release guarded: it is not among the jobs allowed to release it"
                + " ('Jobs allowed to release' of guarded under Manage Jenkins > System > Blue/Green services: team-a/*)", refused);
        r.assertLogNotContains("deployed", refused);

        MockFolder teamA = r.createFolder("team-a");
        r.buildAndAssertSuccess(job(teamA, "release", deployAndSwitch("guarded")));
    }

    @Test
    void aServiceWhoseRouterIsOnTheControllerMustListItsJobs(JenkinsRule r) throws Exception {
        HaproxyTarget onLoopback = new HaproxyTarget("127.0.0.1:9999");
        onLoopback.setBackend("be_app");
        BlueGreenConfiguration.get().setServices(List.of(backends.service("local", onLoopback)));

        WorkflowRun refused = r.buildAndAssertStatus(Result.FAILURE, job(r.jenkins, "any", deployAndSwitch("local")));
        r.assertLogContains("an administrator must list the jobs allowed to release it ('Jobs allowed to release' of local", refused);
    }

    @Test
    void aPipelinesRouterReachesOnlyTheAllowedHostsAndNeverTheController(JenkinsRule r) throws Exception {
        BlueGreenConfiguration.get().setInlineHosts("192.0.2.10");
        assertInlineRefused(r, "haproxy(socket: '127.0.0.1:9999', backend: 'be_app')", "only an administrator may configure it");
        assertInlineRefused(r, "http(switchUrl: 'http://169.254.169.254/latest/${color}', observeUrl: 'http://192.0.2.10/',"
                + " colorJsonPointer: '/color')", "link-local such as 169.254.169.254");
        assertInlineRefused(r, "caddy(proxyId: 'shop', blueDial: '10.0.0.5:80', greenDial: '10.0.0.6:80', adminUrl:"
                + " 'http://198.51.100.7:2019')", "'198.51.100.7' is not among the hosts that routers given in a Pipeline"
                + " may reach; an administrator can add it to 'Hosts inline routers may reach'");
        String shaped = "http(switchUrl: 'http://192.0.2.10/${color}', observeUrl: 'http://192.0.2.10/', colorJsonPointer:"
                + " '/color', switchMethod: 'DELETE', switchHeaders: 'X-Admin=yes')";
        assertInlineRefused(r, shaped, "'Inline routers may shape their requests'");

        BlueGreenConfiguration.get().setInlineRequests(true);
        // Allowed now; whether 192.0.2.10 (TEST-NET, unreachable) answers does not matter here.
        WorkflowRun allowed = r.waitForCompletion(job(r.jenkins, "shaped", "blueGreenDeploy(service: 'adhoc', version: '1',"
                + " target: " + shaped.replace(")", ", timeout: '1s')") + ") { echo 'deployed' }").scheduleBuild2(0).waitForStart());
        r.assertLogNotContains("Inline routers may shape their requests", allowed);
        r.assertLogNotContains("is not among the hosts", allowed);
    }

    private static void assertInlineRefused(JenkinsRule r, String target, String message) throws Exception {
        WorkflowJob job = job(r.jenkins, "inline-" + Long.toHexString(System.nanoTime()),
                "blueGreenDeploy(service: 'adhoc', version: '1', target: " + target + ") { echo 'deployed' }");
        WorkflowRun run = r.buildAndAssertStatus(Result.FAILURE, job);
        r.assertLogContains(message, run);
        r.assertLogNotContains("deployed", run);
    }

    @Test
    void aConfiguredRouterSeesSystemCredentialsAPipelinesRouterOnlyTheBuilds(JenkinsRule r) throws Exception {
        CredentialsProvider.lookupStores(r.jenkins).iterator().next().addCredentials(Domain.global(),
                new StringCredentialsImpl(CredentialsScope.SYSTEM, "router-token", "router", Secret.fromString("s3cr3t")));
        try (ColorApiServer api = new ColorApiServer()) {
            // A router API on loopback that takes the switch only with the System-scoped token; it serves blue first.
            api.requireAuthorization("Bearer s3cr3t");
            ServiceConfig shop = backends.service("shop", BlueGreenPipelineITest.switchingApi(api, "router-token"));
            shop.setAllowedJobs("release");
            BlueGreenConfiguration.get().setServices(List.of(shop));

            WorkflowRun run = r.buildAndAssertSuccess(job(r.jenkins, "release", deployAndSwitch("shop")));

            assertThat(BlueGreenPipelineITest.state(run, "shop").live()).as("switched with the token").isEqualTo(Color.GREEN);
            assertThat(api.live()).isEqualTo("green");
            assertThatThrownBy(() -> CredentialsSecretSource.ofBuild(run).resolve("http.credentials", "router-token"))
                    .isInstanceOf(BadInputException.class).hasMessageContaining("are visible to release #1");
        }
        assertThat(CredentialsSecretSource.ofGlobalConfiguration().resolve("f", "router-token")).isEqualTo("s3cr3t");
    }

    @Test
    void theJobBoxLeavesOutServicesWhoseStateIsInAJobTheViewerMayNotSee(JenkinsRule r) throws Exception {
        BlueGreenConfiguration.get().setServices(List.of(backends.service("shared", new NoopTarget())));
        WorkflowJob open = job(r.jenkins, "open", deployAndSwitch("shared"));
        r.buildAndAssertSuccess(open);
        WorkflowJob hidden = job(r.jenkins, "hidden", deployAndSwitch("shared"));
        r.buildAndAssertSuccess(hidden);
        r.jenkins.setSecurityRealm(r.createDummySecurityRealm());
        r.jenkins.setAuthorizationStrategy(new MockAuthorizationStrategy()
                .grant(Jenkins.ADMINISTER).everywhere().to("admin")
                .grant(Jenkins.READ).everywhere().to("bob")
                .grant(Item.READ).onItems(open).to("bob"));

        assertThat(servicesShown(open, "admin")).containsExactly("shared");
        assertThat(servicesShown(open, "bob")).as("the newest state of shared is in 'hidden'").isEmpty();
    }

    private static List<String> servicesShown(WorkflowJob job, String user) {
        try (ACLContext ignored = ACL.as2(User.getById(user, true).impersonate2())) {
            return job.getAction(JobServicesAction.class).getServices().stream().map(view -> view.service()).toList();
        }
    }

    private static String deployAndSwitch(String service) {
        return "blueGreenDeploy(service: '" + service + "', version: '1') { echo 'deployed' }\n"
                + "blueGreenSwitch(service: '" + service + "', force: true, watch: '0s')\n";
    }

    private static WorkflowJob job(hudson.model.ItemGroup<?> parent, String name, String script) throws Exception {
        WorkflowJob job = parent instanceof MockFolder folder ? folder.createProject(WorkflowJob.class, name)
                : Jenkins.get().createProject(WorkflowJob.class, name);
        job.setDefinition(new CpsFlowDefinition(script, true));
        return job;
    }
}
