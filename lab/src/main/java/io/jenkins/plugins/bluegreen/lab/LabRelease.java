package io.jenkins.plugins.bluegreen.lab;

import io.jenkins.plugins.bluegreen.model.ServiceState;
import io.jenkins.plugins.bluegreen.release.BlueGreenEngine;
import io.jenkins.plugins.bluegreen.release.ServiceDefinition;
import io.jenkins.plugins.bluegreen.verify.HttpCheck;
import io.jenkins.plugins.bluegreen.verify.VerifyTarget;
import java.util.List;

/** The release steps a lab run starts from, with backends that are already running (deploying them is a no-op). */
public final class LabRelease {

    private LabRelease() {}

    /**
     * The router already serves blue (1.0) when the lab starts, so the service is adopted as it runs, as a service
     * that predates the tool would be; then 2.0 is deployed and verified on green.
     */
    public static ServiceState liveOnBlueWithGreenStaged(BlueGreenEngine engine, ServiceDefinition def, String actor) {
        engine.adopt(def, null, "1.0", actor);
        return deployAndVerify(engine, def, "2.0", actor);
    }

    private static ServiceState deployAndVerify(BlueGreenEngine engine, ServiceDefinition def, String version, String actor) {
        engine.deploy(def, version, actor, target -> { });
        return engine.verify(def, List.of(HttpCheck.get("/health")), VerifyTarget.IDLE, actor).state();
    }
}
