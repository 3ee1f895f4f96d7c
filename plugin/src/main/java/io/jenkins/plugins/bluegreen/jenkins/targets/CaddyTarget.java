package io.jenkins.plugins.bluegreen.jenkins.targets;

import hudson.Extension;
import hudson.Util;
import hudson.model.Item;
import hudson.util.FormValidation;
import io.jenkins.plugins.bluegreen.driver.DriverConfig;
import io.jenkins.plugins.bluegreen.drivers.caddy.CaddyDriverConfig;
import java.util.Map;
import org.jenkinsci.Symbol;
import org.kohsuke.stapler.AncestorInPath;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/** {@code caddy(proxyId: 'shop', blueDial: '10.0.0.5:8080', greenDial: '10.0.0.6:8080')}: Caddy's admin API. */
public class CaddyTarget extends RouterTarget {

    private static final long serialVersionUID = 1L;

    private final String proxyId;
    private final String blueDial;
    private final String greenDial;
    private String adminUrl;

    @DataBoundConstructor
    public CaddyTarget(String proxyId, String blueDial, String greenDial) {
        this.proxyId = Util.fixEmptyAndTrim(proxyId);
        this.blueDial = Util.fixEmptyAndTrim(blueDial);
        this.greenDial = Util.fixEmptyAndTrim(greenDial);
    }

    @Override
    public DriverConfig toConfig() {
        return new CaddyDriverConfig(adminUrl, proxyId, blueDial, greenDial, getTimeout());
    }

    public String getProxyId() {
        return proxyId;
    }

    public String getBlueDial() {
        return blueDial;
    }

    public String getGreenDial() {
        return greenDial;
    }

    public String getAdminUrl() {
        return adminUrl;
    }

    @DataBoundSetter
    public void setAdminUrl(String adminUrl) {
        this.adminUrl = Util.fixEmptyAndTrim(adminUrl);
    }

    @Extension
    @Symbol("caddy")
    public static class DescriptorImpl extends TargetDriverDescriptor {
        @Override
        public String getDisplayName() {
            return Messages.CaddyTarget_DisplayName();
        }

        @Override
        protected Map<String, Object> example() {
            return Map.of("proxyId", "shop", "blueDial", "10.0.0.5:8080", "greenDial", "10.0.0.6:8080");
        }

        @POST
        public FormValidation doCheckProxyId(@AncestorInPath Item item, @QueryParameter String value) {
            return check(item, "proxyId", value);
        }

        @POST
        public FormValidation doCheckBlueDial(@AncestorInPath Item item, @QueryParameter String value,
                @QueryParameter String greenDial) {
            return check(item, "blueDial", value, "greenDial", greenDial);
        }

        @POST
        public FormValidation doCheckGreenDial(@AncestorInPath Item item, @QueryParameter String value,
                @QueryParameter String blueDial) {
            return check(item, "greenDial", value, "blueDial", blueDial);
        }

        @POST
        public FormValidation doCheckAdminUrl(@AncestorInPath Item item, @QueryParameter String value) {
            return check(item, "adminUrl", value);
        }
    }
}
