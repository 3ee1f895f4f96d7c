package io.jenkins.plugins.bluegreen.jenkins.targets;

import hudson.Extension;
import hudson.Util;
import hudson.model.Item;
import hudson.util.FormValidation;
import io.jenkins.plugins.bluegreen.driver.DriverConfig;
import io.jenkins.plugins.bluegreen.driver.TextSettings;
import io.jenkins.plugins.bluegreen.drivers.command.CommandDriverConfig;
import java.util.Map;
import org.jenkinsci.Symbol;
import org.kohsuke.stapler.AncestorInPath;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/**
 * {@code command(switchCommand: 'lbctl activate shop "$1"', observeCommand: 'lbctl show shop')}: shell commands on
 * the controller, so only administrators configure it (globally).
 */
public class CommandTarget extends RouterTarget {

    private static final long serialVersionUID = 1L;

    private final String switchCommand;
    private final String observeCommand;
    private String healthCommand;
    private String workingDirectory;
    private String environment;
    private String secretEnvironment;

    @DataBoundConstructor
    public CommandTarget(String switchCommand, String observeCommand) {
        this.switchCommand = Util.fixEmptyAndTrim(switchCommand);
        this.observeCommand = Util.fixEmptyAndTrim(observeCommand);
    }

    @Override
    public DriverConfig toConfig() {
        return new CommandDriverConfig(switchCommand, observeCommand, healthCommand, workingDirectory,
                TextSettings.keyValueLines("command.environment", environment),
                TextSettings.keyValueLines("command.secretEnvironment", secretEnvironment), getTimeout());
    }

    public String getSwitchCommand() {
        return switchCommand;
    }

    public String getObserveCommand() {
        return observeCommand;
    }

    public String getHealthCommand() {
        return healthCommand;
    }

    @DataBoundSetter
    public void setHealthCommand(String healthCommand) {
        this.healthCommand = Util.fixEmptyAndTrim(healthCommand);
    }

    public String getWorkingDirectory() {
        return workingDirectory;
    }

    @DataBoundSetter
    public void setWorkingDirectory(String workingDirectory) {
        this.workingDirectory = Util.fixEmptyAndTrim(workingDirectory);
    }

    public String getEnvironment() {
        return environment;
    }

    /** {@code NAME=value} lines, plain values only. */
    @DataBoundSetter
    public void setEnvironment(String environment) {
        this.environment = Util.fixEmptyAndTrim(environment);
    }

    public String getSecretEnvironment() {
        return secretEnvironment;
    }

    /** {@code NAME=credentialsId} lines. */
    @DataBoundSetter
    public void setSecretEnvironment(String secretEnvironment) {
        this.secretEnvironment = Util.fixEmptyAndTrim(secretEnvironment);
    }

    @Extension
    @Symbol("command")
    public static class DescriptorImpl extends TargetDriverDescriptor {
        @Override
        public String getDisplayName() {
            return Messages.CommandTarget_DisplayName();
        }

        @Override
        protected Map<String, Object> example() {
            return Map.of("switchCommand", "lbctl activate shop \"$1\"", "observeCommand", "lbctl show shop");
        }

        @POST
        public FormValidation doCheckSwitchCommand(@AncestorInPath Item item, @QueryParameter String value) {
            return check(item, "switchCommand", value);
        }

        @POST
        public FormValidation doCheckObserveCommand(@AncestorInPath Item item, @QueryParameter String value) {
            return check(item, "observeCommand", value);
        }

        @POST
        public FormValidation doCheckHealthCommand(@AncestorInPath Item item, @QueryParameter String value) {
            return check(item, "healthCommand", value);
        }

        @POST
        public FormValidation doCheckWorkingDirectory(@AncestorInPath Item item, @QueryParameter String value) {
            return check(item, "workingDirectory", value);
        }

        @POST
        public FormValidation doCheckEnvironment(@AncestorInPath Item item, @QueryParameter String value) {
            return check(item, "environment", value);
        }

        @POST
        public FormValidation doCheckSecretEnvironment(@AncestorInPath Item item, @QueryParameter String value) {
            return check(item, "secretEnvironment", value);
        }
    }
}
