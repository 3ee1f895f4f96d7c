package io.jenkins.plugins.bluegreen.jenkins;

import hudson.Extension;
import hudson.Util;
import hudson.model.Item;
import hudson.util.ListBoxModel;
import io.jenkins.plugins.bluegreen.driver.DriverConfig;
import io.jenkins.plugins.bluegreen.drivers.http.HttpDriverConfig;
import io.jenkins.plugins.bluegreen.drivers.http.HttpDriverConfig.RequestTemplate;
import org.jenkinsci.Symbol;
import org.kohsuke.stapler.AncestorInPath;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;

/**
 * {@code http(switchUrl: 'https://lb/api/shop/${color}', observeUrl: 'https://lb/api/shop', colorJsonPointer: '/live')}:
 * any router with an HTTP API. Authentication is by credentials ID: a bearer token, a password for a user name, or a
 * header value.
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
    private String bearerTokenCredentialsId;
    private String username;
    private String passwordCredentialsId;
    private String header;
    private String headerValueCredentialsId;

    @DataBoundConstructor
    public HttpTarget(String switchUrl, String observeUrl) {
        this.switchUrl = Util.fixEmptyAndTrim(switchUrl);
        this.observeUrl = Util.fixEmptyAndTrim(observeUrl);
    }

    @Override
    public DriverConfig toConfig() {
        boolean authenticated = bearerTokenCredentialsId != null || username != null || passwordCredentialsId != null
                || header != null || headerValueCredentialsId != null;
        return new HttpDriverConfig(
                new RequestTemplate(switchMethod, switchUrl, pairs("http.switchHeaders", switchHeaders), switchBody),
                new RequestTemplate(null, observeUrl, null, null), colorJsonPointer, colorRegex,
                healthUrl == null ? null : new RequestTemplate(null, healthUrl, null, null),
                authenticated ? new HttpDriverConfig.Credentials(bearerTokenCredentialsId, username, passwordCredentialsId,
                        header, headerValueCredentialsId) : null,
                getTimeout());
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

    public String getBearerTokenCredentialsId() {
        return bearerTokenCredentialsId;
    }

    @DataBoundSetter
    public void setBearerTokenCredentialsId(String bearerTokenCredentialsId) {
        this.bearerTokenCredentialsId = Util.fixEmptyAndTrim(bearerTokenCredentialsId);
    }

    public String getUsername() {
        return username;
    }

    @DataBoundSetter
    public void setUsername(String username) {
        this.username = Util.fixEmptyAndTrim(username);
    }

    public String getPasswordCredentialsId() {
        return passwordCredentialsId;
    }

    @DataBoundSetter
    public void setPasswordCredentialsId(String passwordCredentialsId) {
        this.passwordCredentialsId = Util.fixEmptyAndTrim(passwordCredentialsId);
    }

    public String getHeader() {
        return header;
    }

    @DataBoundSetter
    public void setHeader(String header) {
        this.header = Util.fixEmptyAndTrim(header);
    }

    public String getHeaderValueCredentialsId() {
        return headerValueCredentialsId;
    }

    @DataBoundSetter
    public void setHeaderValueCredentialsId(String headerValueCredentialsId) {
        this.headerValueCredentialsId = Util.fixEmptyAndTrim(headerValueCredentialsId);
    }

    @Extension
    @Symbol("http")
    public static class DescriptorImpl extends TargetDriverDescriptor {
        @Override
        public String getDisplayName() {
            return Messages.HttpTarget_DisplayName();
        }

        public ListBoxModel doFillBearerTokenCredentialsIdItems(@AncestorInPath Item item, @QueryParameter String bearerTokenCredentialsId) {
            return credentialsItems(item, bearerTokenCredentialsId);
        }

        public ListBoxModel doFillPasswordCredentialsIdItems(@AncestorInPath Item item, @QueryParameter String passwordCredentialsId) {
            return credentialsItems(item, passwordCredentialsId);
        }

        public ListBoxModel doFillHeaderValueCredentialsIdItems(@AncestorInPath Item item, @QueryParameter String headerValueCredentialsId) {
            return credentialsItems(item, headerValueCredentialsId);
        }
    }
}
