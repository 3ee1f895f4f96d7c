package io.jenkins.plugins.bluegreen.jenkins.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.cloudbees.plugins.credentials.CredentialsProvider;
import com.cloudbees.plugins.credentials.CredentialsScope;
import com.cloudbees.plugins.credentials.domains.Domain;
import hudson.model.FreeStyleProject;
import hudson.model.Item;
import hudson.model.User;
import hudson.security.ACL;
import hudson.security.ACLContext;
import hudson.security.AccessDeniedException3;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import hudson.util.Secret;
import io.jenkins.plugins.bluegreen.jenkins.targets.HttpTarget;
import jenkins.model.Jenkins;
import org.jenkinsci.plugins.plaincredentials.impl.StringCredentialsImpl;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.MockAuthorizationStrategy;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/** The service and router forms check what is typed with the engine's own rules, and only for those who may configure. */
@WithJenkins
class FormValidationITest {

    @Test
    void theServiceFormChecksEveryFieldWithTheEnginesRules(JenkinsRule r) {
        ServiceConfig.DescriptorImpl form = r.jenkins.getDescriptorByType(ServiceConfig.DescriptorImpl.class);

        assertThat(form.doCheckName("shop").kind).isEqualTo(FormValidation.Kind.OK);
        assertThat(form.doCheckName("Shop Front").kind).isEqualTo(FormValidation.Kind.ERROR);
        assertThat(form.doCheckAllowedJobs("team-shop/**").kind).isEqualTo(FormValidation.Kind.OK);
        assertThat(form.doCheckAllowedJobs("/absolute").kind).isEqualTo(FormValidation.Kind.ERROR);
        assertThat(form.doCheckWatch("60s").kind).isEqualTo(FormValidation.Kind.OK);
        assertThat(form.doCheckWatch("soon").kind).isEqualTo(FormValidation.Kind.ERROR);
        assertThat(form.doCheckLeaseWait("").kind).as("empty means the default").isEqualTo(FormValidation.Kind.OK);
        assertThat(form.doCheckKeepOld("-1h").kind).isEqualTo(FormValidation.Kind.ERROR);
        assertThat(form.doCheckIdleCostPerHour("2.50 EUR").kind).isEqualTo(FormValidation.Kind.OK);
        assertThat(form.doCheckIdleCostPerHour("cheap").kind).isEqualTo(FormValidation.Kind.ERROR);
        assertThat(form.doCheckFingerprintEndpoint("", "").kind).isEqualTo(FormValidation.Kind.OK);
        assertThat(form.doCheckFingerprintEndpoint("config", "").kind).isEqualTo(FormValidation.Kind.ERROR);
        assertThat(form.doCheckDrift("loud").kind).isEqualTo(FormValidation.Kind.ERROR);
        assertThat(form.doFillDriftItems()).extracting(option -> option.value).containsExactly("warn", "fail", "ignore");
    }

    @Test
    void routerFormsCheckTheTimeoutAndListCredentialsOnlyToThoseWhoMayConfigure(JenkinsRule r) throws Exception {
        CredentialsProvider.lookupStores(r.jenkins).iterator().next().addCredentials(Domain.global(),
                new StringCredentialsImpl(CredentialsScope.GLOBAL, "lb-key", "the load balancer's key", Secret.fromString("s3cr3t")));
        FreeStyleProject job = r.createFreeStyleProject("release");
        r.jenkins.setSecurityRealm(r.createDummySecurityRealm());
        r.jenkins.setAuthorizationStrategy(new MockAuthorizationStrategy()
                .grant(Jenkins.ADMINISTER).everywhere().to("admin")
                .grant(Jenkins.READ, Item.READ).everywhere().to("reader"));
        HttpTarget.DescriptorImpl http = r.jenkins.getDescriptorByType(HttpTarget.DescriptorImpl.class);

        try (ACLContext ignored = ACL.as2(User.getById("admin", true).impersonate2())) {
            assertThat(http.doCheckTimeout(job, "5s").kind).isEqualTo(FormValidation.Kind.OK);
            assertThat(http.doCheckTimeout(null, "five").kind).isEqualTo(FormValidation.Kind.ERROR);
            assertThat(http.doFillCredentialsIdItems(null, "")).extracting(option -> option.value).contains("lb-key");
            assertThat(http.doFillCredentialsIdItems(job, "")).extracting(option -> option.value).contains("lb-key");
        }
        try (ACLContext ignored = ACL.as2(User.getById("reader", true).impersonate2())) {
            ListBoxModel seen = http.doFillCredentialsIdItems(job, "saved-id");
            assertThat(seen).extracting(option -> option.value).as("only the saved value, no listing").containsExactly("saved-id");
            assertThatThrownBy(() -> http.doCheckTimeout(job, "5s")).isInstanceOf(AccessDeniedException3.class);
            assertThatThrownBy(() -> r.jenkins.getDescriptorByType(ServiceConfig.DescriptorImpl.class).doCheckName("shop"))
                    .isInstanceOf(AccessDeniedException3.class);
        }
    }
}
