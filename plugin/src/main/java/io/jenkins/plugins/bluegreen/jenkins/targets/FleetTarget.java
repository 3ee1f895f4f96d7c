package io.jenkins.plugins.bluegreen.jenkins.targets;

import hudson.Extension;
import hudson.ExtensionList;
import hudson.Util;
import hudson.model.Item;
import hudson.util.FormValidation;
import io.jenkins.plugins.bluegreen.driver.DriverConfig;
import io.jenkins.plugins.bluegreen.driver.DriverTimeouts;
import io.jenkins.plugins.bluegreen.driver.SecretSource;
import io.jenkins.plugins.bluegreen.driver.TrafficDriver;
import io.jenkins.plugins.bluegreen.drivers.fleet.FleetDriver;
import io.jenkins.plugins.bluegreen.drivers.fleet.FleetDriverConfig;
import io.jenkins.plugins.bluegreen.jenkins.support.FormChecks;
import io.jenkins.plugins.bluegreen.model.BadInputException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import okhttp3.OkHttpClient;
import org.jenkinsci.Symbol;
import org.kohsuke.stapler.AncestorInPath;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/**
 * {@code fleet(routers: [haproxy(...), haproxy(...)])}: several routers switched as one, all or nothing. The routers
 * are named by type and position ({@code haproxy-1}, {@code haproxy-2}) in reports and status.
 */
public class FleetTarget extends TargetDriver {

    private static final long serialVersionUID = 1L;

    private final List<TargetDriver> routers;
    private String confirmTimeout;

    @DataBoundConstructor
    public FleetTarget(List<TargetDriver> routers) {
        this.routers = routers == null ? List.of() : new ArrayList<>(routers);
    }

    @Override
    public FleetDriverConfig toConfig() {
        return new FleetDriverConfig(IntStream.range(0, routers.size()).mapToObj(i -> new FleetDriverConfig.Router(null, routerConfig(i)))
                .toList(), confirmTimeout);
    }

    /** A router's own record; its refusal names which router it is, e.g. {@code fleet.routers[1].haproxy.backend}. */
    private DriverConfig routerConfig(int index) {
        try {
            return routers.get(index).toConfig();
        } catch (BadInputException e) {
            throw new BadInputException("fleet.routers[" + index + "]." + e.field(), e.getMessage().substring(e.field().length() + 2));
        }
    }

    /** Each router is built by its own target, which may keep per-service state (noop's memory). */
    @Override
    public TrafficDriver create(String service, OkHttpClient http, SecretSource secrets) {
        FleetDriverConfig config = toConfig();
        return new FleetDriver(IntStream.range(0, routers.size()).mapToObj(i -> new FleetDriver.Member(config.routers().get(i).name(),
                routers.get(i).create(service, http, secrets))).toList(), config.confirmDuration());
    }

    public List<TargetDriver> getRouters() {
        return List.copyOf(routers);
    }

    public String getConfirmTimeout() {
        return confirmTimeout;
    }

    @DataBoundSetter
    public void setConfirmTimeout(String confirmTimeout) {
        this.confirmTimeout = Util.fixEmptyAndTrim(confirmTimeout);
    }

    @Extension
    @Symbol("fleet")
    public static class DescriptorImpl extends TargetDriverDescriptor {
        @Override
        public String getDisplayName() {
            return Messages.FleetTarget_DisplayName();
        }

        /** Every router type but a fleet: a fleet holds routers, not fleets. */
        public List<TargetDriverDescriptor> getRouterDescriptors() {
            return ExtensionList.lookup(TargetDriverDescriptor.class).stream().filter(d -> !(d instanceof DescriptorImpl)).toList();
        }

        @POST
        public FormValidation doCheckConfirmTimeout(@AncestorInPath Item item, @QueryParameter String value) {
            checkConfigure(item);
            return FormChecks.validate(v -> DriverTimeouts.checked("confirmTimeout", v, "2s"), value);
        }
    }
}
