package io.jenkins.plugins.bluegreen.jenkins;

import hudson.init.InitMilestone;
import hudson.init.Initializer;
import hudson.model.Run;
import io.jenkins.plugins.bluegreen.jenkins.approval.PendingApproval;
import io.jenkins.plugins.bluegreen.jenkins.config.BlueGreenConfiguration;
import io.jenkins.plugins.bluegreen.jenkins.config.ServiceConfig;
import io.jenkins.plugins.bluegreen.jenkins.state.BlueGreenAction;
import io.jenkins.plugins.bluegreen.jenkins.state.ServiceRecord;
import io.jenkins.plugins.bluegreen.jenkins.state.StateIndex;
import io.jenkins.plugins.bluegreen.jenkins.targets.CaddyTarget;
import io.jenkins.plugins.bluegreen.jenkins.targets.CommandTarget;
import io.jenkins.plugins.bluegreen.jenkins.targets.DnsTarget;
import io.jenkins.plugins.bluegreen.jenkins.targets.FleetTarget;
import io.jenkins.plugins.bluegreen.jenkins.targets.HaproxyTarget;
import io.jenkins.plugins.bluegreen.jenkins.targets.HttpTarget;
import io.jenkins.plugins.bluegreen.jenkins.targets.KubernetesTarget;
import io.jenkins.plugins.bluegreen.jenkins.targets.NginxTarget;
import io.jenkins.plugins.bluegreen.jenkins.targets.NoopTarget;
import java.util.List;
import jenkins.model.Jenkins;

/**
 * Until 0.1.0 every class of the plugin was in this package, and builds ({@code build.xml}) and the global
 * configuration files name the classes they hold. These aliases let data written then load into the classes'
 * present packages; data is written with the new names from the next save on.
 */
public final class LegacyClassNames {

    /** The package every class was in until 0.1.0. */
    private static final String OLD_PACKAGE = "io.jenkins.plugins.bluegreen.jenkins";

    /** Routers are in the global configuration and, given inline to a step, in the build's record. */
    private static final List<Class<?>> TARGETS = List.of(CaddyTarget.class, CommandTarget.class, DnsTarget.class,
            FleetTarget.class, HaproxyTarget.class, HttpTarget.class, KubernetesTarget.class, NginxTarget.class,
            NoopTarget.class);

    /** Held by a build: the Blue/Green action, its records and pending approvals. */
    private static final List<Class<?>> IN_BUILDS = List.of(BlueGreenAction.class, ServiceRecord.class,
            PendingApproval.class);

    /** Held by the controller's own files: the global configuration and the state index. */
    private static final List<Class<?>> IN_GLOBAL_FILES = List.of(BlueGreenConfiguration.class, ServiceConfig.class,
            StateIndex.class, StateIndex.Pointer.class);

    private LegacyClassNames() {}

    /** The name {@code type} had before the packages by role, e.g. {@code ...jenkins.StateIndex$Pointer}. */
    private static String oldName(Class<?> type) {
        return OLD_PACKAGE + "." + type.getName().substring(type.getPackageName().length() + 1);
    }

    /** Runs before any build or configuration file of the plugin is read. */
    @Initializer(before = InitMilestone.PLUGINS_STARTED)
    public static void register() {
        for (Class<?> type : IN_BUILDS) {
            Run.XSTREAM2.addCompatibilityAlias(oldName(type), type);
        }
        for (Class<?> type : IN_GLOBAL_FILES) {
            Jenkins.XSTREAM2.addCompatibilityAlias(oldName(type), type);
        }
        for (Class<?> type : TARGETS) {
            Run.XSTREAM2.addCompatibilityAlias(oldName(type), type);
            Jenkins.XSTREAM2.addCompatibilityAlias(oldName(type), type);
        }
    }
}
