package io.jenkins.plugins.bluegreen.jenkins.approval;

import hudson.Extension;
import hudson.Util;
import hudson.model.Describable;
import hudson.model.Descriptor;
import hudson.util.ListBoxModel;
import io.jenkins.plugins.bluegreen.approval.ApprovalPolicy;
import io.jenkins.plugins.bluegreen.model.Durations;
import java.io.Serializable;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;

/** {@code approval: [submitter: 'release-managers', message: 'Promote?', timeout: '1h', onTimeout: 'abort']}. */
public class ApprovalSpec implements Describable<ApprovalSpec>, Serializable {

    private static final long serialVersionUID = 1L;

    private String submitter;
    private String message;
    private String timeout = "1h";
    private String onTimeout = "abort";

    @DataBoundConstructor
    public ApprovalSpec() {}

    /** The engine's policy; bad durations or onTimeout values name the field. */
    public ApprovalPolicy toPolicy() {
        return new ApprovalPolicy(Durations.parse("approval.timeout", timeout),
                ApprovalPolicy.OnTimeout.parse("approval.onTimeout", onTimeout), message);
    }

    public String getSubmitter() {
        return submitter;
    }

    /** Users or groups, comma-separated; empty means anyone who may build the job. */
    @DataBoundSetter
    public void setSubmitter(String submitter) {
        this.submitter = Util.fixEmptyAndTrim(submitter);
    }

    public String getMessage() {
        return message;
    }

    @DataBoundSetter
    public void setMessage(String message) {
        this.message = Util.fixEmptyAndTrim(message);
    }

    public String getTimeout() {
        return timeout;
    }

    @DataBoundSetter
    public void setTimeout(String timeout) {
        this.timeout = Util.fixEmptyAndTrim(timeout) == null ? "1h" : timeout.trim();
    }

    public String getOnTimeout() {
        return onTimeout;
    }

    @DataBoundSetter
    public void setOnTimeout(String onTimeout) {
        this.onTimeout = Util.fixEmptyAndTrim(onTimeout) == null ? "abort" : onTimeout.trim();
    }

    @Extension
    public static class DescriptorImpl extends Descriptor<ApprovalSpec> {
        @Override
        public String getDisplayName() {
            return Messages.ApprovalSpec_DisplayName();
        }

        public ListBoxModel doFillOnTimeoutItems() {
            return new ListBoxModel(new ListBoxModel.Option("abort"), new ListBoxModel.Option("proceed"));
        }
    }
}
