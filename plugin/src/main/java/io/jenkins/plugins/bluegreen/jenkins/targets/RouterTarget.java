package io.jenkins.plugins.bluegreen.jenkins.targets;

import hudson.Util;
import org.kohsuke.stapler.DataBoundSetter;

/** A real router: every call to it is bounded by {@code timeout} (empty: the driver's default). */
public abstract class RouterTarget extends TargetDriver {

    private static final long serialVersionUID = 1L;

    private String timeout;

    public String getTimeout() {
        return timeout;
    }

    @DataBoundSetter
    public void setTimeout(String timeout) {
        this.timeout = Util.fixEmptyAndTrim(timeout);
    }
}
