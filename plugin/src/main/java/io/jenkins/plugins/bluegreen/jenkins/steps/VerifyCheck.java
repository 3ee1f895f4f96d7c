package io.jenkins.plugins.bluegreen.jenkins.steps;

import hudson.Util;
import hudson.model.Describable;
import hudson.model.Descriptor;
import io.jenkins.plugins.bluegreen.model.Durations;
import io.jenkins.plugins.bluegreen.verify.Check;
import java.io.Serializable;
import java.time.Duration;
import org.kohsuke.stapler.DataBoundSetter;

/** A verification check as written in Pipeline ({@code httpCheck(...)}, {@code warmUp(...)}); the engine runs it. */
public abstract class VerifyCheck implements Describable<VerifyCheck>, Serializable {

    private static final long serialVersionUID = 1L;

    private String timeout;

    /** The whole check's limit, e.g. {@code 30s}; empty: the check's default. */
    public String getTimeout() {
        return timeout;
    }

    @DataBoundSetter
    public void setTimeout(String timeout) {
        this.timeout = Util.fixEmptyAndTrim(timeout);
    }

    /** The engine's check, validated by its constructor. */
    public abstract Check toCheck();

    static Duration duration(String field, String text) {
        return text == null ? null : Durations.parse(field, text);
    }

    public abstract static class VerifyCheckDescriptor extends Descriptor<VerifyCheck> {}
}
