package io.jenkins.plugins.bluegreen.jenkins;

import java.io.IOException;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.kohsuke.stapler.DataBoundSetter;

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
}
