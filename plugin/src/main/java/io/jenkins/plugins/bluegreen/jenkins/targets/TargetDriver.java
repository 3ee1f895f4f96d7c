package io.jenkins.plugins.bluegreen.jenkins.targets;

import com.cloudbees.plugins.credentials.CredentialsMatchers;
import com.cloudbees.plugins.credentials.CredentialsProvider;
import com.cloudbees.plugins.credentials.common.StandardCredentials;
import com.cloudbees.plugins.credentials.common.StandardListBoxModel;
import com.cloudbees.plugins.credentials.common.StandardUsernamePasswordCredentials;
import hudson.model.Describable;
import hudson.model.Descriptor;
import hudson.model.Item;
import hudson.model.TaskListener;
import hudson.security.ACL;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import io.jenkins.plugins.bluegreen.driver.DriverConfig;
import io.jenkins.plugins.bluegreen.driver.SecretSource;
import io.jenkins.plugins.bluegreen.driver.TrafficDriver;
import io.jenkins.plugins.bluegreen.jenkins.support.CredentialsSecretSource;
import io.jenkins.plugins.bluegreen.jenkins.support.FormChecks;
import io.jenkins.plugins.bluegreen.jenkins.support.JenkinsFacade;
import io.jenkins.plugins.bluegreen.model.BadInputException;
import java.io.Serializable;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import jenkins.model.Jenkins;
import okhttp3.OkHttpClient;
import org.jenkinsci.plugins.plaincredentials.StringCredentials;
import org.jenkinsci.plugins.structs.describable.DescribableModel;
import org.jenkinsci.plugins.structs.describable.DescribableParameter;
import org.kohsuke.stapler.AncestorInPath;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.StaplerRequest2;
import org.kohsuke.stapler.interceptor.RequirePOST;
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

        /** Every router has a {@code timeout}; checked with the engine's own duration rules. */
        @POST
        public FormValidation doCheckTimeout(@AncestorInPath Item item, @QueryParameter String value) {
            return check(item, "timeout", value);
        }

        /**
         * Settings of this kind of router that the engine accepts, as in its documentation: a field is checked by
         * building the engine's configuration from them with that field, and those it depends on, as typed.
         */
        protected Map<String, Object> example() {
            return Map.of();
        }

        /** Engine field names (or their prefixes) that this form calls differently; see {@link FormChecks#check}. */
        protected Map<String, String> engineFields() {
            return Map.of();
        }

        /**
         * Checks {@code field} with the engine's rules, for those who may configure this router only.
         *
         * @param alongside the fields it depends on, as name, value pairs; taken as typed, an empty one as empty
         */
        protected final FormValidation check(Item item, String field, Object value, Object... alongside) {
            checkConfigure(item);
            Map<String, Object> arguments = new HashMap<>(example());
            arguments.put(field, value);
            for (int i = 0; i < alongside.length; i += 2) {
                arguments.put((String) alongside[i], alongside[i + 1]);
            }
            DescribableModel<? extends TargetDriver> model = DescribableModel.of(clazz);
            Set<String> fields = model.getParameters().stream().map(DescribableParameter::getName).collect(Collectors.toSet());
            return FormChecks.check(field, value, fields, engineFields(),
                    () -> model.instantiate(withoutEmpty(arguments), TaskListener.NULL).toConfig());
        }

        /**
         * "Test connection": builds the router from the form as typed, then asks it what a switch asks first, its
         * health and the colour it serves. Nothing is changed. Outside the global configuration (the Snippet
         * Generator of a job) the router must be one a Pipeline may give, and sees the credentials a build sees.
         */
        @RequirePOST
        public FormValidation doTestConnection(@AncestorInPath Item item, StaplerRequest2 request) {
            checkConfigure(item);
            try {
                DescribableModel<? extends TargetDriver> model = DescribableModel.of(clazz);
                Map<String, Object> arguments = new HashMap<>();
                for (DescribableParameter parameter : model.getParameters()) {
                    String typed = request.getParameter(parameter.getName());
                    if (typed != null) {
                        arguments.put(parameter.getName(), typed(parameter.getErasedType(), typed));
                    }
                }
                DriverConfig config = model.instantiate(withoutEmpty(arguments), TaskListener.NULL).toConfig();
                SecretSource secrets;
                if (item == null) {
                    secrets = CredentialsSecretSource.ofGlobalConfiguration();
                } else {
                    InlineTargetRules.current().check("target", config, "this job's services");
                    secrets = CredentialsSecretSource.ofItem(item);
                }
                return ConnectionTest.of(config.create(JenkinsFacade.get().http(), secrets));
            } catch (BadInputException e) {
                return FormValidation.error(FormChecks.problem(e));
            } catch (IllegalArgumentException e) {
                // settings the model cannot bind at all; a message, never a stack trace
                return FormValidation.error(Messages.ConnectionTest_Failed(e.getMessage()));
            }
        }

        /** A number field as typed; empty (or not a number, which a number field does not send) is left out. */
        protected static Integer number(String text) {
            try {
                return text == null || text.isBlank() ? null : Integer.valueOf(text.trim());
            } catch (NumberFormatException e) {
                return null;
            }
        }

        /** Form fields arrive as text; numbers and switches are given to the model as such. */
        private static Object typed(Class<?> type, String text) {
            if (type == boolean.class || type == Boolean.class) {
                return Boolean.parseBoolean(text);
            }
            if (type == int.class || type == Integer.class) {
                return number(text);
            }
            return text;
        }

        /** Empty optional settings are left out; empty text stays (the constructors read it as absent). */
        private static Map<String, Object> withoutEmpty(Map<String, Object> arguments) {
            Map<String, Object> given = new HashMap<>(arguments);
            given.values().removeIf(Objects::isNull);
            return given;
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
