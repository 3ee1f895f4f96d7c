package io.jenkins.plugins.bluegreen.jenkins.config;

import com.cloudbees.plugins.credentials.common.StandardCertificateCredentials;
import com.cloudbees.plugins.credentials.common.StandardUsernamePasswordCredentials;
import hudson.Extension;
import hudson.ExtensionList;
import hudson.Util;
import hudson.XmlFile;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import io.jenkins.plugins.bluegreen.driver.HostAllowList;
import io.jenkins.plugins.bluegreen.driver.InlineRouterPolicy;
import io.jenkins.plugins.bluegreen.jenkins.support.FormChecks;
import io.jenkins.plugins.bluegreen.jenkins.support.JenkinsFacade;
import io.jenkins.plugins.bluegreen.jenkins.targets.InlineTargetRules;
import io.jenkins.plugins.bluegreen.model.Durations;
import io.jenkins.plugins.bluegreen.store.StateStore;
import io.jenkins.plugins.bluegreen.store.etcd.EtcdSettings;
import java.io.File;
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
 * The services Pipelines may release by name, what routers given inline in a Pipeline may reach, and where the shared
 * state lives; {@code unclassified: blueGreen: services: [...], inlineHosts: ..., inlineRequests: ...,
 * etcdEndpoints: ...} in JCasC.
 */
@Extension
@Symbol("blueGreen")
public class BlueGreenConfiguration extends GlobalConfiguration implements InlineTargetRules {

    private static final String FILE_NAME = "io.jenkins.plugins.bluegreen.jenkins.BlueGreenConfiguration.xml";

    /** Where administrators change these settings, as the refusals name it. */
    static final String WHERE = "Manage Jenkins > System > Blue/Green services";

    private List<ServiceConfig> services = new ArrayList<>();
    /** The hosts routers given inline may reach ({@link HostAllowList}); none by default. */
    private String inlineHosts;
    /** Whether routers given inline may set their own request method, headers and body. */
    private boolean inlineRequests;
    /**
     * etcd client URLs (one per line or comma-separated) holding every service's state and lock, shared with other
     * controllers and CLIs; none keeps them in this controller's build actions.
     */
    private String etcdEndpoints;
    private String etcdPrefix;
    private String etcdLeaseTtl;
    /** The PEM of the CA that signed the etcd members' certificates; public, so not a credential. */
    private String etcdCaCertificate;
    /** A Certificate credential (PKCS#12) for members that check client certificates. */
    private String etcdCertificateId;
    /** A Username with password credential for etcd's user authentication. */
    private String etcdCredentialsId;
    /** Opened once per configuration: its auth token, renewal thread and fencing outlive a single release. */
    private transient volatile StateStore sharedStore;

    public BlueGreenConfiguration() {
        load();
    }

    /**
     * The file keeps the name it had while the classes were in one package (0.1.0), so existing configurations load
     * without a migration, and read with {@link Jenkins#XSTREAM2}, which knows the old class names inside it.
     */
    @Override
    protected XmlFile getConfigFile() {
        return new XmlFile(Jenkins.XSTREAM2, new File(JenkinsFacade.get().rootDir(), FILE_NAME));
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

    public String getEtcdEndpoints() {
        return etcdEndpoints;
    }

    @DataBoundSetter
    public void setEtcdEndpoints(String etcdEndpoints) {
        this.etcdEndpoints = Util.fixEmptyAndTrim(etcdEndpoints);
        save();
    }

    public String getEtcdPrefix() {
        return etcdPrefix;
    }

    @DataBoundSetter
    public void setEtcdPrefix(String etcdPrefix) {
        this.etcdPrefix = Util.fixEmptyAndTrim(etcdPrefix);
        save();
    }

    public String getEtcdLeaseTtl() {
        return etcdLeaseTtl;
    }

    @DataBoundSetter
    public void setEtcdLeaseTtl(String etcdLeaseTtl) {
        this.etcdLeaseTtl = Util.fixEmptyAndTrim(etcdLeaseTtl);
        save();
    }

    public String getEtcdCaCertificate() {
        return etcdCaCertificate;
    }

    @DataBoundSetter
    public void setEtcdCaCertificate(String etcdCaCertificate) {
        this.etcdCaCertificate = Util.fixEmptyAndTrim(etcdCaCertificate);
        save();
    }

    public String getEtcdCertificateId() {
        return etcdCertificateId;
    }

    @DataBoundSetter
    public void setEtcdCertificateId(String etcdCertificateId) {
        this.etcdCertificateId = Util.fixEmptyAndTrim(etcdCertificateId);
        save();
    }

    public String getEtcdCredentialsId() {
        return etcdCredentialsId;
    }

    @DataBoundSetter
    public void setEtcdCredentialsId(String etcdCredentialsId) {
        this.etcdCredentialsId = Util.fixEmptyAndTrim(etcdCredentialsId);
        save();
    }

    /** The etcd store every release and view of this controller goes through, or {@code null} for build actions only. */
    public StateStore sharedStore() {
        StateStore store = sharedStore;
        if (store == null && etcdEndpoints != null) {
            store = SharedStore.open(etcdSettings(), etcdCaCertificate, etcdCertificateId);
            sharedStore = store;
        }
        return store;
    }

    @Override
    public synchronized void save() {
        sharedStore = null;
        super.save();
    }

    private EtcdSettings etcdSettings() {
        return new EtcdSettings(List.of(etcdEndpoints.split("[,\\s]+")), etcdPrefix,
                etcdLeaseTtl == null ? null : Durations.parse("etcdLeaseTtl", etcdLeaseTtl),
                SharedStore.username(etcdCredentialsId), etcdCredentialsId);
    }

    @POST
    public FormValidation doCheckEtcdEndpoints(@QueryParameter String value) {
        Jenkins.get().checkPermission(Jenkins.ADMINISTER);
        return FormChecks.validate(v -> {
            if (v != null) {
                new EtcdSettings(List.of(v.split("[,\\s]+")));
            }
        }, value);
    }

    @POST
    public ListBoxModel doFillEtcdCertificateIdItems(@QueryParameter String etcdCertificateId) {
        Jenkins.get().checkPermission(Jenkins.ADMINISTER);
        return SharedStore.credentialsItems(StandardCertificateCredentials.class, etcdCertificateId);
    }

    @POST
    public ListBoxModel doFillEtcdCredentialsIdItems(@QueryParameter String etcdCredentialsId) {
        Jenkins.get().checkPermission(Jenkins.ADMINISTER);
        return SharedStore.credentialsItems(StandardUsernamePasswordCredentials.class, etcdCredentialsId);
    }

    /** The engine's rules for routers given inline, with these settings. */
    @Override
    public InlineRouterPolicy inlinePolicy() {
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
        etcdEndpoints = null;
        etcdPrefix = null;
        etcdLeaseTtl = null;
        etcdCaCertificate = null;
        etcdCertificateId = null;
        etcdCredentialsId = null;
        req.bindJSON(this, json);
        // Binding calls no setter for an absent list, so removing the last service would otherwise never be saved.
        save();
        return true;
    }
}
