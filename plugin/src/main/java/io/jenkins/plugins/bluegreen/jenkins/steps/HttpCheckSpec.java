package io.jenkins.plugins.bluegreen.jenkins.steps;

import hudson.Extension;
import hudson.Util;
import io.jenkins.plugins.bluegreen.verify.Check;
import io.jenkins.plugins.bluegreen.verify.HttpCheck;
import org.jenkinsci.Symbol;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;

/** {@code httpCheck(path: '/health', status: 200, bodyContains: 'UP', timeout: '30s')}. */
public class HttpCheckSpec extends VerifyCheck {

    private static final long serialVersionUID = 1L;

    private final String path;
    private int status = 200;
    private String bodyContains;
    private String bodyRegex;
    private String jsonPointer;
    private String jsonEquals;
    private String maxLatency;
    private int consecutiveSuccesses = 1;
    private String interval;

    @DataBoundConstructor
    public HttpCheckSpec(String path) {
        this.path = Util.fixEmptyAndTrim(path);
    }

    @Override
    public Check toCheck() {
        return new HttpCheck(path, status, bodyContains, bodyRegex, jsonPointer, jsonEquals,
                duration("httpCheck.maxLatency", maxLatency), consecutiveSuccesses,
                duration("httpCheck.interval", interval), duration("httpCheck.timeout", getTimeout()));
    }

    public String getPath() {
        return path;
    }

    public int getStatus() {
        return status;
    }

    @DataBoundSetter
    public void setStatus(int status) {
        this.status = status;
    }

    public String getBodyContains() {
        return bodyContains;
    }

    @DataBoundSetter
    public void setBodyContains(String bodyContains) {
        this.bodyContains = Util.fixEmpty(bodyContains);
    }

    public String getBodyRegex() {
        return bodyRegex;
    }

    @DataBoundSetter
    public void setBodyRegex(String bodyRegex) {
        this.bodyRegex = Util.fixEmpty(bodyRegex);
    }

    public String getJsonPointer() {
        return jsonPointer;
    }

    @DataBoundSetter
    public void setJsonPointer(String jsonPointer) {
        this.jsonPointer = Util.fixEmptyAndTrim(jsonPointer);
    }

    public String getJsonEquals() {
        return jsonEquals;
    }

    @DataBoundSetter
    public void setJsonEquals(String jsonEquals) {
        this.jsonEquals = Util.fixEmpty(jsonEquals);
    }

    public String getMaxLatency() {
        return maxLatency;
    }

    @DataBoundSetter
    public void setMaxLatency(String maxLatency) {
        this.maxLatency = Util.fixEmptyAndTrim(maxLatency);
    }

    public int getConsecutiveSuccesses() {
        return consecutiveSuccesses;
    }

    @DataBoundSetter
    public void setConsecutiveSuccesses(int consecutiveSuccesses) {
        this.consecutiveSuccesses = consecutiveSuccesses;
    }

    public String getInterval() {
        return interval;
    }

    @DataBoundSetter
    public void setInterval(String interval) {
        this.interval = Util.fixEmptyAndTrim(interval);
    }

    @Extension
    @Symbol("httpCheck")
    public static class DescriptorImpl extends VerifyCheckDescriptor {
        @Override
        public String getDisplayName() {
            return Messages.HttpCheckSpec_DisplayName();
        }
    }
}
