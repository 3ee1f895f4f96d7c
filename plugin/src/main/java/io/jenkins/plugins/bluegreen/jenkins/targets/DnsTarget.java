package io.jenkins.plugins.bluegreen.jenkins.targets;

import hudson.Extension;
import hudson.Util;
import hudson.model.Item;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import io.jenkins.plugins.bluegreen.driver.DriverConfig;
import io.jenkins.plugins.bluegreen.driver.TextSettings;
import io.jenkins.plugins.bluegreen.drivers.dns.DnsDriverConfig;
import java.util.Map;
import org.jenkinsci.Symbol;
import org.kohsuke.stapler.AncestorInPath;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/**
 * {@code dns(zone: 'example.com', record: 'shop', blue: '192.0.2.10', green: '192.0.2.20', primary: '192.0.2.53',
 * tsigKey: 'bluegreen-update', credentialsId: 'tsig')}: one DNS name switched by RFC 2136 updates signed with TSIG.
 * Addresses and servers are typed as one text, separated by commas or blanks.
 */
public class DnsTarget extends RouterTarget {

    private static final long serialVersionUID = 1L;

    private final String zone;
    private final String record;
    private final String blue;
    private final String green;
    private final String primary;
    private final String tsigKey;
    private final String credentialsId;
    private String servers;
    private String tsigAlgorithm;
    private String switchTtl;
    private String watchResolver;

    @DataBoundConstructor
    public DnsTarget(String zone, String record, String blue, String green, String primary, String tsigKey, String credentialsId) {
        this.zone = Util.fixEmptyAndTrim(zone);
        this.record = Util.fixEmptyAndTrim(record);
        this.blue = Util.fixEmptyAndTrim(blue);
        this.green = Util.fixEmptyAndTrim(green);
        this.primary = Util.fixEmptyAndTrim(primary);
        this.tsigKey = Util.fixEmptyAndTrim(tsigKey);
        this.credentialsId = Util.fixEmptyAndTrim(credentialsId);
    }

    @Override
    public DriverConfig toConfig() {
        return new DnsDriverConfig(zone, record, TextSettings.list(blue), TextSettings.list(green), primary,
                TextSettings.list(servers), tsigKey, tsigAlgorithm, credentialsId, switchTtl, watchResolver, getTimeout());
    }

    public String getZone() {
        return zone;
    }

    public String getRecord() {
        return record;
    }

    public String getBlue() {
        return blue;
    }

    public String getGreen() {
        return green;
    }

    public String getPrimary() {
        return primary;
    }

    public String getTsigKey() {
        return tsigKey;
    }

    /** A Secret text credential holding the TSIG key's base64 secret. */
    public String getCredentialsId() {
        return credentialsId;
    }

    public String getServers() {
        return servers;
    }

    @DataBoundSetter
    public void setServers(String servers) {
        this.servers = Util.fixEmptyAndTrim(servers);
    }

    public String getTsigAlgorithm() {
        return tsigAlgorithm;
    }

    @DataBoundSetter
    public void setTsigAlgorithm(String tsigAlgorithm) {
        this.tsigAlgorithm = Util.fixEmptyAndTrim(tsigAlgorithm);
    }

    public String getSwitchTtl() {
        return switchTtl;
    }

    @DataBoundSetter
    public void setSwitchTtl(String switchTtl) {
        this.switchTtl = Util.fixEmptyAndTrim(switchTtl);
    }

    public String getWatchResolver() {
        return watchResolver;
    }

    @DataBoundSetter
    public void setWatchResolver(String watchResolver) {
        this.watchResolver = Util.fixEmptyAndTrim(watchResolver);
    }

    @Extension
    @Symbol("dns")
    public static class DescriptorImpl extends TargetDriverDescriptor {
        @Override
        public String getDisplayName() {
            return Messages.DnsTarget_DisplayName();
        }

        public ListBoxModel doFillCredentialsIdItems(@AncestorInPath Item item, @QueryParameter String credentialsId) {
            return credentialsItems(item, credentialsId);
        }

        @Override
        protected Map<String, Object> example() {
            return Map.of("zone", "example.com", "record", "shop", "blue", "192.0.2.10", "green", "192.0.2.20", "primary", "192.0.2.53",
                    "tsigKey", "bluegreen-update", "credentialsId", "tsig");
        }

        @Override
        protected Map<String, String> engineFields() {
            return Map.of("dns.tsigSecretRef", "credentialsId");
        }

        @POST
        public FormValidation doCheckZone(@AncestorInPath Item item, @QueryParameter String value,
                @QueryParameter String record) {
            return check(item, "zone", value, "record", record);
        }

        @POST
        public FormValidation doCheckRecord(@AncestorInPath Item item, @QueryParameter String value,
                @QueryParameter String zone) {
            return check(item, "record", value, "zone", zone);
        }

        @POST
        public FormValidation doCheckBlue(@AncestorInPath Item item, @QueryParameter String value, @QueryParameter String green) {
            return check(item, "blue", value, "green", green);
        }

        @POST
        public FormValidation doCheckGreen(@AncestorInPath Item item, @QueryParameter String value, @QueryParameter String blue) {
            return check(item, "green", value, "blue", blue);
        }

        @POST
        public FormValidation doCheckPrimary(@AncestorInPath Item item, @QueryParameter String value) {
            return check(item, "primary", value);
        }

        @POST
        public FormValidation doCheckTsigKey(@AncestorInPath Item item, @QueryParameter String value) {
            return check(item, "tsigKey", value);
        }

        @POST
        public FormValidation doCheckCredentialsId(@AncestorInPath Item item, @QueryParameter String value) {
            return check(item, "credentialsId", value);
        }

        @POST
        public FormValidation doCheckServers(@AncestorInPath Item item, @QueryParameter String value) {
            return check(item, "servers", value);
        }

        @POST
        public FormValidation doCheckTsigAlgorithm(@AncestorInPath Item item, @QueryParameter String value) {
            return check(item, "tsigAlgorithm", value);
        }

        @POST
        public FormValidation doCheckSwitchTtl(@AncestorInPath Item item, @QueryParameter String value) {
            return check(item, "switchTtl", value);
        }

        @POST
        public FormValidation doCheckWatchResolver(@AncestorInPath Item item, @QueryParameter String value) {
            return check(item, "watchResolver", value);
        }
    }
}
