package io.jenkins.plugins.bluegreen.jenkins;

import hudson.Extension;
import hudson.Util;
import hudson.model.Item;
import hudson.util.ListBoxModel;
import io.jenkins.plugins.bluegreen.driver.DriverConfig;
import io.jenkins.plugins.bluegreen.drivers.kubernetes.KubernetesDriverConfig;
import org.jenkinsci.Symbol;
import org.kohsuke.stapler.AncestorInPath;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;

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
    }
}
