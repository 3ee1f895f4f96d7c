package io.jenkins.plugins.bluegreen.jenkins;

import hudson.Extension;
import hudson.ExtensionList;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import jenkins.model.GlobalConfiguration;
import net.sf.json.JSONObject;
import org.jenkinsci.Symbol;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.StaplerRequest2;

/** The services Pipelines may release by name; {@code unclassified: blueGreen: services: [...]} in JCasC. */
@Extension
@Symbol("blueGreen")
public class BlueGreenConfiguration extends GlobalConfiguration {

    private List<ServiceConfig> services = new ArrayList<>();

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

    public Optional<ServiceConfig> service(String name) {
        return services.stream().filter(s -> s.getName() != null && s.getName().equals(name)).findFirst();
    }

    @Override
    public boolean configure(StaplerRequest2 req, JSONObject json) {
        // An emptied list is absent from the form, so clear before binding.
        services = new ArrayList<>();
        req.bindJSON(this, json);
        // Binding calls no setter for an absent list, so removing the last service would otherwise never be saved.
        save();
        return true;
    }
}
