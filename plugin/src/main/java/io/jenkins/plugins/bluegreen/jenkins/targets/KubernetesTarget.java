package io.jenkins.plugins.bluegreen.jenkins.targets;

import hudson.Extension;
import hudson.Util;
import hudson.model.Item;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import io.jenkins.plugins.bluegreen.driver.DriverConfig;
import io.jenkins.plugins.bluegreen.drivers.kubernetes.KubernetesDriverConfig;
import java.util.Map;
import org.jenkinsci.Symbol;
import org.kohsuke.stapler.AncestorInPath;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/**
 * {@code kubernetes(apiServer: 'https://10.0.0.1:6443', namespace: 'shop', service: 'shop')}: patches a Service's
 * selector; with {@code deploymentPrefix} and {@code imageTemplate} it also provisions and retires the Deployments.
 */
public class KubernetesTarget extends RouterTarget {

    private static final long serialVersionUID = 1L;

    private final String apiServer;
    private final String namespace;
    private final String service;
    private String labelKey;
    private String credentialsId;
    private String caCertificateFile;
    private String deploymentPrefix;
    private String container;
    private String imageTemplate;
    private Integer replicas;
    private String rolloutTimeout;

    @DataBoundConstructor
    public KubernetesTarget(String apiServer, String namespace, String service) {
        this.apiServer = Util.fixEmptyAndTrim(apiServer);
        this.namespace = Util.fixEmptyAndTrim(namespace);
        this.service = Util.fixEmptyAndTrim(service);
    }

    @Override
    public DriverConfig toConfig() {
        KubernetesDriverConfig.Deployments deployments = deploymentPrefix == null ? null
                : new KubernetesDriverConfig.Deployments(deploymentPrefix, null, container, imageTemplate, replicas, rolloutTimeout, null);
        return new KubernetesDriverConfig(apiServer, namespace, service, labelKey, credentialsId, caCertificateFile,
                getTimeout(), deployments);
    }

    public String getApiServer() {
        return apiServer;
    }

    public String getNamespace() {
        return namespace;
    }

    public String getService() {
        return service;
    }

    public String getLabelKey() {
        return labelKey;
    }

    @DataBoundSetter
    public void setLabelKey(String labelKey) {
        this.labelKey = Util.fixEmptyAndTrim(labelKey);
    }

    public String getCredentialsId() {
        return credentialsId;
    }

    /** A Secret text credential holding a service account token. */
    @DataBoundSetter
    public void setCredentialsId(String credentialsId) {
        this.credentialsId = Util.fixEmptyAndTrim(credentialsId);
    }

    public String getCaCertificateFile() {
        return caCertificateFile;
    }

    @DataBoundSetter
    public void setCaCertificateFile(String caCertificateFile) {
        this.caCertificateFile = Util.fixEmptyAndTrim(caCertificateFile);
    }

    public String getDeploymentPrefix() {
        return deploymentPrefix;
    }

    /** Deployments {@code <prefix>-blue} and {@code <prefix>-green}, which this driver may provision and retire. */
    @DataBoundSetter
    public void setDeploymentPrefix(String deploymentPrefix) {
        this.deploymentPrefix = Util.fixEmptyAndTrim(deploymentPrefix);
    }

    public String getContainer() {
        return container;
    }

    @DataBoundSetter
    public void setContainer(String container) {
        this.container = Util.fixEmptyAndTrim(container);
    }

    public String getImageTemplate() {
        return imageTemplate;
    }

    @DataBoundSetter
    public void setImageTemplate(String imageTemplate) {
        this.imageTemplate = Util.fixEmptyAndTrim(imageTemplate);
    }

    public Integer getReplicas() {
        return replicas;
    }

    @DataBoundSetter
    public void setReplicas(Integer replicas) {
        this.replicas = replicas;
    }

    public String getRolloutTimeout() {
        return rolloutTimeout;
    }

    @DataBoundSetter
    public void setRolloutTimeout(String rolloutTimeout) {
        this.rolloutTimeout = Util.fixEmptyAndTrim(rolloutTimeout);
    }

    @Extension
    @Symbol("kubernetes")
    public static class DescriptorImpl extends TargetDriverDescriptor {
        @Override
        public String getDisplayName() {
            return Messages.KubernetesTarget_DisplayName();
        }

        public ListBoxModel doFillCredentialsIdItems(@AncestorInPath Item item, @QueryParameter String credentialsId) {
            return credentialsItems(item, credentialsId);
        }

        @Override
        protected Map<String, Object> example() {
            return Map.of("apiServer", "https://10.0.0.1:6443", "namespace", "shop", "service", "shop", "container", "app",
                    "imageTemplate", "registry.example.com/shop:${version}");
        }

        @Override
        protected Map<String, String> engineFields() {
            return Map.of("kubernetes.tokenRef", "credentialsId", "kubernetes.deployments.prefix", "deploymentPrefix",
                    "kubernetes.deployments", "deploymentPrefix");
        }

        @POST
        public FormValidation doCheckApiServer(@AncestorInPath Item item, @QueryParameter String value) {
            return check(item, "apiServer", value);
        }

        @POST
        public FormValidation doCheckNamespace(@AncestorInPath Item item, @QueryParameter String value) {
            return check(item, "namespace", value);
        }

        @POST
        public FormValidation doCheckService(@AncestorInPath Item item, @QueryParameter String value) {
            return check(item, "service", value);
        }

        @POST
        public FormValidation doCheckLabelKey(@AncestorInPath Item item, @QueryParameter String value) {
            return check(item, "labelKey", value);
        }

        @POST
        public FormValidation doCheckCredentialsId(@AncestorInPath Item item, @QueryParameter String value) {
            return check(item, "credentialsId", value);
        }

        @POST
        public FormValidation doCheckCaCertificateFile(@AncestorInPath Item item, @QueryParameter String value) {
            return check(item, "caCertificateFile", value);
        }

        @POST
        public FormValidation doCheckDeploymentPrefix(@AncestorInPath Item item, @QueryParameter String value,
                @QueryParameter String container, @QueryParameter String imageTemplate) {
            return check(item, "deploymentPrefix", value, "container", container, "imageTemplate", imageTemplate);
        }

        @POST
        public FormValidation doCheckContainer(@AncestorInPath Item item, @QueryParameter String value,
                @QueryParameter String deploymentPrefix) {
            return check(item, "container", value, "deploymentPrefix", deploymentPrefix);
        }

        @POST
        public FormValidation doCheckImageTemplate(@AncestorInPath Item item, @QueryParameter String value,
                @QueryParameter String deploymentPrefix) {
            return check(item, "imageTemplate", value, "deploymentPrefix", deploymentPrefix);
        }

        @POST
        public FormValidation doCheckReplicas(@AncestorInPath Item item, @QueryParameter String value,
                @QueryParameter String deploymentPrefix) {
            return check(item, "replicas", number(value), "deploymentPrefix", deploymentPrefix);
        }

        @POST
        public FormValidation doCheckRolloutTimeout(@AncestorInPath Item item, @QueryParameter String value,
                @QueryParameter String deploymentPrefix) {
            return check(item, "rolloutTimeout", value, "deploymentPrefix", deploymentPrefix);
        }
    }
}
