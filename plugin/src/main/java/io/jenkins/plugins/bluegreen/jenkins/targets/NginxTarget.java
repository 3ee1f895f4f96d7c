package io.jenkins.plugins.bluegreen.jenkins.targets;

import hudson.Extension;
import hudson.Util;
import hudson.model.Item;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import io.jenkins.plugins.bluegreen.driver.DriverConfig;
import io.jenkins.plugins.bluegreen.driver.TextSettings;
import io.jenkins.plugins.bluegreen.drivers.nginx.NginxDriverConfig;
import java.util.Map;
import org.jenkinsci.Symbol;
import org.kohsuke.stapler.AncestorInPath;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/**
 * {@code nginx(includeFile: '/etc/nginx/bg/shop.conf', upstream: 'shop', ...)}: rewrites an include file, tests and
 * reloads nginx on the controller (or, with {@code mode: 'lua'}, calls its loopback admin location), so only
 * administrators configure it.
 */
public class NginxTarget extends RouterTarget {

    private static final long serialVersionUID = 1L;

    private final String includeFile;
    private final String upstream;
    private final String blueAddress;
    private final String greenAddress;
    private int keepalive;
    private String testCommand;
    private String reloadCommand;
    private String probeUrl;
    private String markerHeader;
    private String mode;
    private String adminUrl;
    private String credentialsId;

    @DataBoundConstructor
    public NginxTarget(String includeFile, String upstream, String blueAddress, String greenAddress) {
        this.includeFile = Util.fixEmptyAndTrim(includeFile);
        this.upstream = Util.fixEmptyAndTrim(upstream);
        this.blueAddress = Util.fixEmptyAndTrim(blueAddress);
        this.greenAddress = Util.fixEmptyAndTrim(greenAddress);
    }

    @Override
    public DriverConfig toConfig() {
        return new NginxDriverConfig(includeFile, upstream, blueAddress, greenAddress, keepalive,
                TextSettings.words(testCommand), TextSettings.words(reloadCommand), probeUrl, markerHeader, getTimeout(), mode, adminUrl,
                credentialsId);
    }

    public String getIncludeFile() {
        return includeFile;
    }

    public String getUpstream() {
        return upstream;
    }

    public String getBlueAddress() {
        return blueAddress;
    }

    public String getGreenAddress() {
        return greenAddress;
    }

    public int getKeepalive() {
        return keepalive;
    }

    @DataBoundSetter
    public void setKeepalive(int keepalive) {
        this.keepalive = keepalive;
    }

    public String getTestCommand() {
        return testCommand;
    }

    /** Split on blanks, e.g. {@code nginx -t}. */
    @DataBoundSetter
    public void setTestCommand(String testCommand) {
        this.testCommand = Util.fixEmptyAndTrim(testCommand);
    }

    public String getReloadCommand() {
        return reloadCommand;
    }

    @DataBoundSetter
    public void setReloadCommand(String reloadCommand) {
        this.reloadCommand = Util.fixEmptyAndTrim(reloadCommand);
    }

    public String getProbeUrl() {
        return probeUrl;
    }

    @DataBoundSetter
    public void setProbeUrl(String probeUrl) {
        this.probeUrl = Util.fixEmptyAndTrim(probeUrl);
    }

    public String getMarkerHeader() {
        return markerHeader;
    }

    @DataBoundSetter
    public void setMarkerHeader(String markerHeader) {
        this.markerHeader = Util.fixEmptyAndTrim(markerHeader);
    }

    public String getMode() {
        return mode;
    }

    /** {@code reload} (default) or {@code lua}: no reload, through the admin location (docs/drivers/nginx.md). */
    @DataBoundSetter
    public void setMode(String mode) {
        this.mode = Util.fixEmptyAndTrim(mode);
    }

    public String getAdminUrl() {
        return adminUrl;
    }

    @DataBoundSetter
    public void setAdminUrl(String adminUrl) {
        this.adminUrl = Util.fixEmptyAndTrim(adminUrl);
    }

    public String getCredentialsId() {
        return credentialsId;
    }

    /** Lua mode: the Secret text credential holding the admin token. */
    @DataBoundSetter
    public void setCredentialsId(String credentialsId) {
        this.credentialsId = Util.fixEmptyAndTrim(credentialsId);
    }

    @Extension
    @Symbol("nginx")
    public static class DescriptorImpl extends TargetDriverDescriptor {
        @Override
        public String getDisplayName() {
            return Messages.NginxTarget_DisplayName();
        }

        public ListBoxModel doFillCredentialsIdItems(@AncestorInPath Item item, @QueryParameter String credentialsId) {
            return credentialsItems(item, credentialsId);
        }

        @Override
        protected Map<String, Object> example() {
            return Map.of("includeFile", "/etc/nginx/bg/shop.conf", "upstream", "shop", "blueAddress", "10.0.0.5:8080", "greenAddress", "10.0.0.6:8080");
        }

        @POST
        public FormValidation doCheckIncludeFile(@AncestorInPath Item item, @QueryParameter String value) {
            return check(item, "includeFile", value);
        }

        @Override
        protected Map<String, String> engineFields() {
            return Map.of("nginx.tokenRef", "credentialsId");
        }

        @POST
        public FormValidation doCheckUpstream(@AncestorInPath Item item, @QueryParameter String value, @QueryParameter String mode) {
            return check(item, "upstream", value, "mode", mode);
        }

        @POST
        public FormValidation doCheckMode(@AncestorInPath Item item, @QueryParameter String value) {
            return check(item, "mode", value);
        }

        @POST
        public FormValidation doCheckAdminUrl(@AncestorInPath Item item, @QueryParameter String value) {
            return check(item, "adminUrl", value, "mode", NginxDriverConfig.LUA);
        }

        /** Checked with a valid admin URL, so that a missing token is reported here whatever that field holds. */
        @POST
        public FormValidation doCheckCredentialsId(@AncestorInPath Item item, @QueryParameter String value) {
            return check(item, "credentialsId", value, "mode", NginxDriverConfig.LUA, "adminUrl", "http://127.0.0.1:8081");
        }

        @POST
        public FormValidation doCheckBlueAddress(@AncestorInPath Item item, @QueryParameter String value,
                @QueryParameter String greenAddress) {
            return check(item, "blueAddress", value, "greenAddress", greenAddress);
        }

        @POST
        public FormValidation doCheckGreenAddress(@AncestorInPath Item item, @QueryParameter String value,
                @QueryParameter String blueAddress) {
            return check(item, "greenAddress", value, "blueAddress", blueAddress);
        }

        @POST
        public FormValidation doCheckKeepalive(@AncestorInPath Item item, @QueryParameter String value) {
            return check(item, "keepalive", number(value));
        }

        @POST
        public FormValidation doCheckTestCommand(@AncestorInPath Item item, @QueryParameter String value) {
            return check(item, "testCommand", value);
        }

        @POST
        public FormValidation doCheckReloadCommand(@AncestorInPath Item item, @QueryParameter String value) {
            return check(item, "reloadCommand", value);
        }

        @POST
        public FormValidation doCheckProbeUrl(@AncestorInPath Item item, @QueryParameter String value) {
            return check(item, "probeUrl", value);
        }

        @POST
        public FormValidation doCheckMarkerHeader(@AncestorInPath Item item, @QueryParameter String value) {
            return check(item, "markerHeader", value);
        }
    }
}
