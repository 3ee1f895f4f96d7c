package io.jenkins.plugins.bluegreen.jenkins;

import com.cloudbees.plugins.credentials.CredentialsMatchers;
import com.cloudbees.plugins.credentials.CredentialsProvider;
import com.cloudbees.plugins.credentials.common.StandardCredentials;
import com.cloudbees.plugins.credentials.common.StandardListBoxModel;
import com.cloudbees.plugins.credentials.common.StandardUsernamePasswordCredentials;
import hudson.model.Describable;
import hudson.model.Descriptor;
import hudson.model.Item;
import hudson.security.ACL;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import io.jenkins.plugins.bluegreen.driver.DriverConfig;
import io.jenkins.plugins.bluegreen.driver.SecretSource;
import io.jenkins.plugins.bluegreen.driver.TrafficDriver;
import io.jenkins.plugins.bluegreen.model.Durations;
import java.io.Serializable;
import java.util.List;
import jenkins.model.Jenkins;
import okhttp3.OkHttpClient;
import org.jenkinsci.plugins.plaincredentials.StringCredentials;
import org.kohsuke.stapler.AncestorInPath;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/**
 * The form and Pipeline face of one engine driver configuration ({@code haproxy(...)}, {@code noop()}, ...). Holds
 * plain settings and credentials IDs only; {@link #toConfig()} maps them onto the engine's record, which validates.
 */
public abstract class TargetDriver implements Describable<TargetDriver>, Serializable {

    private static final long serialVersionUID = 1L;

    /** The engine's configuration record for these settings. */
    public abstract DriverConfig toConfig();

    /** Builds the driver for one service; secrets are resolved by the driver when it needs them. */
    public TrafficDriver create(String service, OkHttpClient http, SecretSource secrets) {
        return toConfig().create(http, secrets);
    }

    /** Base of the driver descriptors, so forms and the snippet generator list exactly the drivers. */
    public abstract static class TargetDriverDescriptor extends Descriptor<TargetDriver> {

        /** Every driver has a {@code timeout}; checked with the engine's own duration rules. */
        @POST
        public FormValidation doCheckTimeout(@AncestorInPath Item item, @QueryParameter String value) {
            return checkDuration(item, "timeout", value);
        }

        /** A duration setting, checked with the engine's own rules for users who may configure here. */
        protected static FormValidation checkDuration(Item item, String field, String value) {
            checkConfigure(item);
            return ServiceConfig.DescriptorImpl.validate(v -> {
                if (v != null) {
                    Durations.parse(field, v);
                }
            }, value);
        }

        /** Secret text and username/password credentials the configuring user may pick. */
        protected static ListBoxModel credentialsItems(Item item, String current) {
            StandardListBoxModel items = new StandardListBoxModel();
            boolean allowed = item == null ? Jenkins.get().hasPermission(Jenkins.ADMINISTER)
                    : item.hasPermission(Item.EXTENDED_READ) || item.hasPermission(CredentialsProvider.USE_ITEM);
            if (!allowed) {
                return withCurrentValue(items, current);
            }
            var secrets = CredentialsMatchers.anyOf(CredentialsMatchers.instanceOf(StringCredentials.class),
                    CredentialsMatchers.instanceOf(StandardUsernamePasswordCredentials.class));
            items.includeEmptyValue();
            if (item == null) {
                items.includeMatchingAs(ACL.SYSTEM2, Jenkins.get(), StandardCredentials.class, List.of(), secrets);
            } else {
                items.includeMatchingAs(ACL.SYSTEM2, item, StandardCredentials.class, List.of(), secrets);
            }
            return withCurrentValue(items, current);
        }

        /** Keeps a saved ID listed even when the user may not see it; nothing to keep when none is saved. */
        private static ListBoxModel withCurrentValue(StandardListBoxModel items, String current) {
            return current == null || current.isBlank() ? items : items.includeCurrentValue(current);
        }

        static void checkConfigure(Item item) {
            if (item == null) {
                Jenkins.get().checkPermission(Jenkins.ADMINISTER);
            } else {
                item.checkPermission(Item.CONFIGURE);
            }
        }
    }
}
