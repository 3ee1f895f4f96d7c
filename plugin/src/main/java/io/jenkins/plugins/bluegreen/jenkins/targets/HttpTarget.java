package io.jenkins.plugins.bluegreen.jenkins.targets;

import hudson.Extension;
import hudson.Util;
import hudson.model.Item;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import io.jenkins.plugins.bluegreen.driver.DriverConfig;
import io.jenkins.plugins.bluegreen.driver.TextSettings;
import io.jenkins.plugins.bluegreen.drivers.http.HttpDriverConfig.RequestTemplate;
import io.jenkins.plugins.bluegreen.drivers.http.HttpDriverConfig;
import java.util.Map;
import org.jenkinsci.Symbol;
import org.kohsuke.stapler.AncestorInPath;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/**
 * {@code http(switchUrl: 'https://lb/api/shop/${color}', observeUrl: 'https://lb/api/shop', colorJsonPointer: '/live')}:
 * any router with an HTTP API. Authentication is by one credentials ID: sent as a bearer token, or as the password of
 * {@code username}, or as the value of {@code header}.
 */
public class HttpTarget extends RouterTarget {

    private static final long serialVersionUID = 1L;

    private final String switchUrl;
    private final String observeUrl;
    private String switchMethod;
    private String switchHeaders;
    private String switchBody;
    private String colorJsonPointer;
    private String colorRegex;
    private String healthUrl;
    private String credentialsId;
    private String username;
    private String header;

    @DataBoundConstructor
    public HttpTarget(String switchUrl, String observeUrl) {
        this.switchUrl = Util.fixEmptyAndTrim(switchUrl);
        this.observeUrl = Util.fixEmptyAndTrim(observeUrl);
    }

    @Override
    public DriverConfig toConfig() {
        return new HttpDriverConfig(
                new RequestTemplate(switchMethod, switchUrl, TextSettings.keyValueLines("http.switchHeaders", switchHeaders), switchBody),
                new RequestTemplate(null, observeUrl, null, null), colorJsonPointer, colorRegex,
                healthUrl == null ? null : new RequestTemplate(null, healthUrl, null, null),
                HttpDriverConfig.Credentials.ofOneSecret(credentialsId, username, header), getTimeout());
    }

    public String getSwitchUrl() {
        return switchUrl;
    }

    public String getObserveUrl() {
        return observeUrl;
    }

    public String getSwitchMethod() {
        return switchMethod;
    }

    @DataBoundSetter
    public void setSwitchMethod(String switchMethod) {
        this.switchMethod = Util.fixEmptyAndTrim(switchMethod);
    }

    public String getSwitchHeaders() {
        return switchHeaders;
    }

    /** {@code Name=value} lines; {@code ${color}} is replaced. */
    @DataBoundSetter
    public void setSwitchHeaders(String switchHeaders) {
        this.switchHeaders = Util.fixEmptyAndTrim(switchHeaders);
    }

    public String getSwitchBody() {
        return switchBody;
    }

    @DataBoundSetter
    public void setSwitchBody(String switchBody) {
        this.switchBody = Util.fixEmpty(switchBody);
    }

    public String getColorJsonPointer() {
        return colorJsonPointer;
    }

    @DataBoundSetter
    public void setColorJsonPointer(String colorJsonPointer) {
        this.colorJsonPointer = Util.fixEmptyAndTrim(colorJsonPointer);
    }

    public String getColorRegex() {
        return colorRegex;
    }

    @DataBoundSetter
    public void setColorRegex(String colorRegex) {
        this.colorRegex = Util.fixEmpty(colorRegex);
    }

    public String getHealthUrl() {
        return healthUrl;
    }

    @DataBoundSetter
    public void setHealthUrl(String healthUrl) {
        this.healthUrl = Util.fixEmptyAndTrim(healthUrl);
    }

    public String getCredentialsId() {
        return credentialsId;
    }

    @DataBoundSetter
    public void setCredentialsId(String credentialsId) {
        this.credentialsId = Util.fixEmptyAndTrim(credentialsId);
    }

    public String getUsername() {
        return username;
    }

    @DataBoundSetter
    public void setUsername(String username) {
        this.username = Util.fixEmptyAndTrim(username);
    }

    public String getHeader() {
        return header;
    }

    @DataBoundSetter
    public void setHeader(String header) {
        this.header = Util.fixEmptyAndTrim(header);
    }

    @Extension
    @Symbol("http")
    public static class DescriptorImpl extends TargetDriverDescriptor {
        @Override
        public String getDisplayName() {
            return Messages.HttpTarget_DisplayName();
        }

        public ListBoxModel doFillCredentialsIdItems(@AncestorInPath Item item, @QueryParameter String credentialsId) {
            return credentialsItems(item, credentialsId);
        }

        @Override
        protected Map<String, Object> example() {
            return Map.of("switchUrl", "https://lb.example.com/api/shop/${color}", "observeUrl", "https://lb.example.com/api/shop", "colorJsonPointer", "/live");
        }

        @Override
        protected Map<String, String> engineFields() {
            return Map.of("http.switchRequest.method", "switchMethod", "http.switchRequest.body", "switchBody", "http.switchRequest", "switchUrl",
                    "http.observeRequest", "observeUrl", "http.healthRequest", "healthUrl", "http.credentials", "credentialsId");
        }

        @POST
        public FormValidation doCheckSwitchUrl(@AncestorInPath Item item, @QueryParameter String value) {
            return check(item, "switchUrl", value);
        }

        @POST
        public FormValidation doCheckObserveUrl(@AncestorInPath Item item, @QueryParameter String value) {
            return check(item, "observeUrl", value);
        }

        @POST
        public FormValidation doCheckSwitchMethod(@AncestorInPath Item item, @QueryParameter String value,
                @QueryParameter String switchBody) {
            return check(item, "switchMethod", value, "switchBody", switchBody);
        }

        @POST
        public FormValidation doCheckSwitchHeaders(@AncestorInPath Item item, @QueryParameter String value) {
            return check(item, "switchHeaders", value);
        }

        @POST
        public FormValidation doCheckSwitchBody(@AncestorInPath Item item, @QueryParameter String value,
                @QueryParameter String switchMethod) {
            return check(item, "switchBody", value, "switchMethod", switchMethod);
        }

        @POST
        public FormValidation doCheckColorJsonPointer(@AncestorInPath Item item, @QueryParameter String value,
                @QueryParameter String colorRegex) {
            return check(item, "colorJsonPointer", value, "colorRegex", colorRegex);
        }

        @POST
        public FormValidation doCheckColorRegex(@AncestorInPath Item item, @QueryParameter String value,
                @QueryParameter String colorJsonPointer) {
            return check(item, "colorRegex", value, "colorJsonPointer", colorJsonPointer);
        }

        @POST
        public FormValidation doCheckHealthUrl(@AncestorInPath Item item, @QueryParameter String value) {
            return check(item, "healthUrl", value);
        }

        @POST
        public FormValidation doCheckCredentialsId(@AncestorInPath Item item, @QueryParameter String value,
                @QueryParameter String username, @QueryParameter String header) {
            return check(item, "credentialsId", value, "username", username, "header", header);
        }

        @POST
        public FormValidation doCheckUsername(@AncestorInPath Item item, @QueryParameter String value,
                @QueryParameter String credentialsId, @QueryParameter String header) {
            return check(item, "username", value, "credentialsId", credentialsId, "header", header);
        }

        @POST
        public FormValidation doCheckHeader(@AncestorInPath Item item, @QueryParameter String value,
                @QueryParameter String credentialsId, @QueryParameter String username) {
            return check(item, "header", value, "credentialsId", credentialsId, "username", username);
        }
    }
}
