package io.jenkins.plugins.bluegreen.cli.spec;

import io.jenkins.plugins.bluegreen.approval.ApprovalPolicy;
import io.jenkins.plugins.bluegreen.driver.DriverConfig;
import io.jenkins.plugins.bluegreen.release.ServiceDefinition;
import io.jenkins.plugins.bluegreen.verify.Check;
import java.util.List;

/**
 * One service's spec file, read and validated.
 *
 * @param driverConfig the driver's plain settings, as written (secret references, not values)
 * @param checks what {@code verify} runs
 * @param approval how {@code switch} asks for approval
 * @param store where the state and lock live
 */
public record Spec(ServiceDefinition definition, DriverConfig driverConfig, List<Check> checks, ApprovalPolicy approval,
        StoreSpec store) {

    public Spec {
        checks = List.copyOf(checks);
    }
}
