package io.jenkins.plugins.bluegreen.jenkins.steps;

import io.jenkins.plugins.bluegreen.jenkins.state.Release;
import io.jenkins.plugins.bluegreen.jenkins.targets.TargetDriver;
import java.io.IOException;
import net.sf.json.JSONObject;
import org.jenkinsci.plugins.workflow.steps.Step;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.StaplerRequest2;

/**
 * A step that may name its router inline ({@code target: haproxy(...)}) instead of the globally configured one. Later
 * steps of the same build reuse it.
 */
public abstract class RoutedStep extends BlueGreenStep {

    private TargetDriver target;

    protected RoutedStep(String service) {
        super(service);
    }

    public TargetDriver getTarget() {
        return target;
    }

    @DataBoundSetter
    public void setTarget(TargetDriver target) {
        this.target = target;
    }

    Release release(StepContext context, String watch) throws IOException, InterruptedException {
        return release(context, getService(), target, watch);
    }

    /** In the Snippet Generator the router is an optional advanced block ({@code inlineTarget}) holding {@code target}. */
    public abstract static class RoutedStepDescriptor extends BlueGreenStepDescriptor {
        @Override
        public Step newInstance(StaplerRequest2 request, JSONObject formData) throws FormException {
            JSONObject flat = JSONObject.fromObject(formData);
            if (flat.remove("inlineTarget") instanceof JSONObject inline) {
                flat.put("target", inline.get("target"));
            }
            return super.newInstance(request, flat);
        }
    }
}
