package io.jenkins.plugins.bluegreen.release;

import io.jenkins.plugins.bluegreen.driver.Provisioner;
import io.jenkins.plugins.bluegreen.model.BadInputException;
import io.jenkins.plugins.bluegreen.model.Color;
import io.jenkins.plugins.bluegreen.model.ServiceState;
import io.jenkins.plugins.bluegreen.model.StateMachine;
import io.jenkins.plugins.bluegreen.release.BlueGreenEngine.DeployBody;
import io.jenkins.plugins.bluegreen.release.Results.DeployTarget;
import io.jenkins.plugins.bluegreen.release.Results.Deployed;
import java.util.List;

/**
 * Deploying a version to the idle colour: mark it DEPLOYING, run the caller's deployment (or the driver's own
 * provisioning), then mark it DEPLOYED or FAILED. Traffic is never touched; a service nobody recorded yet is adopted
 * first, so its first deployment goes next to live traffic.
 */
record Deployment(ReleaseContext context, Reconciliation reconciliation) {

    DeployTarget begin(ServiceDefinition def, String version, String actor) {
        return context.underLease(def, actor, () -> {
            ServiceState state = context.store().load(def.name());
            if (state.live() == null) {
                state = reconciliation.adoptWhatTheRouterServes(def, state, null, null, actor);
            }
            Color color = state.idle();
            List<String> urls = def.urls(color);
            ServiceState next = StateMachine.startDeploy(state, color, version, urls, actor, context.clock().instant());
            context.store().save(next);
            context.log().info(def.name() + ": deploying " + version + " to " + color.name()
                    + (urls.isEmpty() ? "" : " at " + urls.get(0)));
            return new DeployTarget(def.name(), color, version, urls.isEmpty() ? null : urls.get(0));
        });
    }

    ServiceState finish(ServiceDefinition def, Color color, String actor) {
        return context.underLease(def, actor, () -> {
            ServiceState saved = context.store().save(StateMachine.finishDeploy(context.store().load(def.name()), color, actor,
                    context.clock().instant()));
            context.log().info(def.name() + ": " + saved.environment(color).describe() + " deployed");
            return saved;
        });
    }

    ServiceState fail(ServiceDefinition def, Color color, String actor, String error) {
        return context.underLease(def, actor, () -> {
            ServiceState saved = context.store().save(StateMachine.failDeploy(context.store().load(def.name()), color, actor,
                    context.clock().instant(), error));
            context.log().info(def.name() + ": deployment to " + color.name() + " FAILED: " + error);
            return saved;
        });
    }

    Deployed deploy(ServiceDefinition def, String version, String actor, DeployBody body) {
        DeployBody work = body != null ? body : provisioningBody(def);
        DeployTarget target = begin(def, version, actor);
        try {
            if (context.planning()) {
                context.plan(body != null ? "run the deploy command for " + target.color().name() + " with BG_COLOR="
                        + target.color().label() + " BG_URL=" + target.url() : "ask the " + def.driver().type()
                        + " driver to provision " + version + " on " + target.color().name());
            } else {
                work.deploy(target);
            }
        } catch (Exception e) {
            fail(def, target.color(), actor, String.valueOf(e.getMessage()));
            throw new DeployFailedException(def.name() + ": deployment of " + version + " to " + target.color().name()
                    + " failed: " + e.getMessage() + "; the colour is marked FAILED and traffic was not touched", e);
        }
        return new Deployed(target, finish(def, target.color(), actor));
    }

    private static DeployBody provisioningBody(ServiceDefinition def) {
        if (!(def.driver() instanceof Provisioner provisioner)) {
            throw new BadInputException("body", "the " + def.driver().type() + " driver cannot deploy by itself; "
                    + "give a deploy command or block that deploys to the colour in BG_COLOR");
        }
        return target -> DriverCalls.run(def.driver().type(), "provision(" + target.color().label() + ")",
                def.driverTimeout().multipliedBy(30), () -> provisioner.provision(target.color(), target.version()));
    }
}
