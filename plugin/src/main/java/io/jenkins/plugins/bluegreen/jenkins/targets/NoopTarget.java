package io.jenkins.plugins.bluegreen.jenkins.targets;

import hudson.Extension;
import hudson.Util;
import hudson.model.Item;
import hudson.util.FormValidation;
import io.jenkins.plugins.bluegreen.driver.NoopDriver;
import io.jenkins.plugins.bluegreen.driver.NoopDriverConfig;
import io.jenkins.plugins.bluegreen.driver.SecretSource;
import io.jenkins.plugins.bluegreen.driver.TrafficDriver;
import io.jenkins.plugins.bluegreen.model.Color;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import okhttp3.OkHttpClient;
import org.jenkinsci.Symbol;
import org.kohsuke.stapler.AncestorInPath;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/** {@code noop()}: routes nothing; for trying the flow and for tests. */
public class NoopTarget extends TargetDriver {

    private static final long serialVersionUID = 1L;

    /**
     * The noop driver's memory is its only router, so one driver per service lives as long as the controller; after
     * a restart it starts from the recorded live colour, as a real router would still serve it.
     */
    private static final Map<String, TrafficDriver> DRIVERS = new ConcurrentHashMap<>();

    private String initiallyLive;

    @DataBoundConstructor
    public NoopTarget() {}

    public String getInitiallyLive() {
        return initiallyLive;
    }

    @DataBoundSetter
    public void setInitiallyLive(String initiallyLive) {
        this.initiallyLive = Util.fixEmptyAndTrim(initiallyLive);
    }

    @Override
    public NoopDriverConfig toConfig() {
        return new NoopDriverConfig(initiallyLive == null ? null : Color.parse("initiallyLive", initiallyLive));
    }

    @Override
    public TrafficDriver create(String service, OkHttpClient http, SecretSource secrets) {
        return DRIVERS.computeIfAbsent(service, name -> {
            Color configured = toConfig().initiallyLive();
            return new NoopDriver(configured != null ? configured : RecordedLiveColor.lookup(name));
        });
    }

    @Extension
    @Symbol("noop")
    public static class DescriptorImpl extends TargetDriverDescriptor {
        @Override
        public String getDisplayName() {
            return Messages.NoopTarget_DisplayName();
        }

        @POST
        public FormValidation doCheckInitiallyLive(@AncestorInPath Item item, @QueryParameter String value) {
            return check(item, "initiallyLive", value);
        }
    }
}
