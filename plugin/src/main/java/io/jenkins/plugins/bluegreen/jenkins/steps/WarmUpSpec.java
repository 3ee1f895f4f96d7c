package io.jenkins.plugins.bluegreen.jenkins.steps;

import hudson.Extension;
import hudson.Util;
import io.jenkins.plugins.bluegreen.verify.Check;
import io.jenkins.plugins.bluegreen.verify.WarmUpCheck;
import org.jenkinsci.Symbol;
import org.kohsuke.stapler.DataBoundConstructor;

/** {@code warmUp(path: '/', requests: 50, p95: '200ms')}. */
public class WarmUpSpec extends VerifyCheck {

    private static final long serialVersionUID = 1L;

    private final String path;
    private final int requests;
    private final String p95;

    @DataBoundConstructor
    public WarmUpSpec(String path, int requests, String p95) {
        this.path = Util.fixEmptyAndTrim(path);
        this.requests = requests;
        this.p95 = Util.fixEmptyAndTrim(p95);
    }

    @Override
    public Check toCheck() {
        return new WarmUpCheck(path, requests, duration("warmUp.p95", p95), duration("warmUp.timeout", getTimeout()));
    }

    public String getPath() {
        return path;
    }

    public int getRequests() {
        return requests;
    }

    public String getP95() {
        return p95;
    }

    @Extension
    @Symbol("warmUp")
    public static class DescriptorImpl extends VerifyCheckDescriptor {
        @Override
        public String getDisplayName() {
            return Messages.WarmUpSpec_DisplayName();
        }
    }
}
