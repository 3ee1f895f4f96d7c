package io.jenkins.plugins.bluegreen.jenkins;

import hudson.Extension;
import hudson.ExtensionList;
import hudson.Util;
import hudson.util.FormValidation;
import io.jenkins.plugins.bluegreen.driver.HostAllowList;
import io.jenkins.plugins.bluegreen.driver.InlineRouterPolicy;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import jenkins.model.GlobalConfiguration;
import jenkins.model.Jenkins;
import net.sf.json.JSONObject;
import org.jenkinsci.Symbol;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.StaplerRequest2;
import org.kohsuke.stapler.verb.POST;

/**
 * The services Pipelines may release by name, and what routers given inline in a Pipeline may reach;
 * {@code unclassified: blueGreen: services: [...], inlineHosts: ..., inlineRequests: ...} in JCasC.
 */
@Extension
@Symbol("blueGreen")
public class BlueGreenConfiguration extends GlobalConfiguration {

    /** Where administrators change these settings, as the refusals name it. */
    static final String WHERE = "Manage Jenkins > System > Blue/Green services";

    private List<ServiceConfig> services = new ArrayList<>();
    /** The hosts routers given inline may reach ({@link HostAllowList}); none by default. */
    private String inlineHosts;
    /** Whether routers given inline may set their own request method, headers and body. */
    private boolean inlineRequests;

    public BlueGreenConfiguration() {
        load();
    }

    public static BlueGreenConfiguration get() {
        return ExtensionList.lookupSingleton(BlueGreenConfiguration.class);
    }

    public List<ServiceConfig> getServices() {
        return services;
    }

    @DataBoundSetter
    public void setServices(List<ServiceConfig> services) {
        this.services = services == null ? new ArrayList<>() : new ArrayList<>(services);
        save();
    }

    public String getInlineHosts() {
        return inlineHosts;
    }

    @DataBoundSetter
    public void setInlineHosts(String inlineHosts) {
        this.inlineHosts = Util.fixEmptyAndTrim(inlineHosts);
        save();
    }

    public boolean isInlineRequests() {
        return inlineRequests;
    }

    @DataBoundSetter
    public void setInlineRequests(boolean inlineRequests) {
        this.inlineRequests = inlineRequests;
        save();
    }

    /** The engine's rules for routers given inline, with these settings. */
    InlineRouterPolicy inlinePolicy() {
        return new InlineRouterPolicy(HostAllowList.parse("inlineHosts", inlineHosts), inlineRequests, WHERE);
    }

    @POST
    public FormValidation doCheckInlineHosts(@QueryParameter String value) {
        Jenkins.get().checkPermission(Jenkins.ADMINISTER);
        return FormChecks.validate(v -> HostAllowList.parse("inlineHosts", v), value);
    }

    public Optional<ServiceConfig> service(String name) {
        return services.stream().filter(s -> s.getName() != null && s.getName().equals(name)).findFirst();
    }

    @Override
    public boolean configure(StaplerRequest2 req, JSONObject json) {
        // An emptied list is absent from the form, so clear before binding.
        services = new ArrayList<>();
        inlineHosts = null;
        inlineRequests = false;
        req.bindJSON(this, json);
        // Binding calls no setter for an absent list, so removing the last service would otherwise never be saved.
        save();
        return true;
    }
}
