package io.jenkins.plugins.bluegreen.jenkins.state;

import hudson.AbortException;
import hudson.model.Cause;
import hudson.model.Run;
import io.jenkins.plugins.bluegreen.driver.DriverException;
import io.jenkins.plugins.bluegreen.driver.SecretSource;
import io.jenkins.plugins.bluegreen.jenkins.config.BlueGreenConfiguration;
import io.jenkins.plugins.bluegreen.jenkins.config.ServiceConfig;
import io.jenkins.plugins.bluegreen.jenkins.support.CredentialsSecretSource;
import io.jenkins.plugins.bluegreen.jenkins.support.JenkinsFacade;
import io.jenkins.plugins.bluegreen.jenkins.targets.TargetDriver;
import io.jenkins.plugins.bluegreen.model.BadInputException;
import io.jenkins.plugins.bluegreen.model.RefusedException;
import io.jenkins.plugins.bluegreen.model.ServiceName;
import io.jenkins.plugins.bluegreen.release.BlueGreenEngine;
import io.jenkins.plugins.bluegreen.release.DeployFailedException;
import io.jenkins.plugins.bluegreen.release.ReleaseLog;
import io.jenkins.plugins.bluegreen.release.ServiceDefinition;
import io.jenkins.plugins.bluegreen.store.StateStore;
import io.jenkins.plugins.bluegreen.store.StateStoreException;
import java.io.IOException;
import java.time.Clock;
import java.util.Optional;
import java.util.function.Supplier;
import okhttp3.OkHttpClient;

/** One service's engine, as seen from one build: state in the build's action, log in its console. */
public final class Release {

    public final Run<?, ?> run;
    public final StateStore store;
    public final BlueGreenEngine engine;
    public final ServiceDefinition definition;
    public final String actor;

    private Release(Run<?, ?> run, StateStore store, BlueGreenEngine engine, ServiceDefinition definition, String actor) {
        this.run = run;
        this.store = store;
        this.engine = engine;
        this.definition = definition;
        this.actor = actor;
    }

    /**
     * @param inlineTarget the step's {@code target}, or {@code null} for the globally configured driver
     * @param watch the step's {@code watch} window, or {@code null}
     * @param actor who acts: the user who started the build, or who pressed a button
     */
    public static Release of(Run<?, ?> run, ReleaseLog log, String service, TargetDriver inlineTarget, String watch, String actor)
            throws AbortException {
        return call(() -> create(run, log, service, inlineTarget, watch, actor));
    }

    private static Release create(Run<?, ?> run, ReleaseLog log, String service, TargetDriver inlineTarget, String watch,
            String actor) {
        ServiceName.requireValid("service", service);
        BlueGreenConfiguration global = BlueGreenConfiguration.get();
        Optional<ServiceConfig> configured = global.service(service);
        configured.ifPresent(c -> c.requireCaller(run.getParent().getFullName()));
        ServiceConfig config = configured.orElseGet(() -> new ServiceConfig(service));
        // A router given in the Pipeline (now, or by an earlier step of the build) is checked on every use, and sees
        // the build's credentials; the configured one sees those of the global configuration.
        TargetDriver inline = inlineTarget != null ? inlineTarget
                : config.getDriver() == null ? recordedInlineTarget(run, service) : null;
        if (inline != null) {
            global.inlinePolicy().check("target", inline.toConfig(), service);
        }
        TargetDriver target = inline != null ? inline : config.getDriver();
        SecretSource secrets = inline != null ? CredentialsSecretSource.ofBuild(run) : CredentialsSecretSource.ofGlobalConfiguration();
        OkHttpClient http = JenkinsFacade.get().http();
        ServiceDefinition definition = config.toDefinition(target == null ? null : target.create(service, http, secrets), watch);
        if (inlineTarget != null) {
            BlueGreenAction.of(run).record(service).setInlineTarget(inlineTarget);
        }
        StateStore store = new BuildActionStateStore(run);
        BlueGreenEngine engine = new BlueGreenEngine(store, http, Clock.systemUTC(), log);
        return new Release(run, store, engine, definition, actor);
    }

    /** The router an earlier step of this build gave inline, if any. */
    private static TargetDriver recordedInlineTarget(Run<?, ?> run, String service) {
        ServiceRecord record = BlueGreenAction.lookup(run, service);
        return record == null ? null : record.getInlineTarget();
    }

    /** The user who started the build, else the build itself. */
    public static String actorOf(Run<?, ?> run) {
        Cause.UserIdCause cause = run.getCause(Cause.UserIdCause.class);
        return cause != null && cause.getUserId() != null ? cause.getUserId() : run.getFullDisplayName();
    }

    /** Records whether the router agrees with the record, for the sidebar and the page. */
    public void recordDrift() throws IOException {
        BlueGreenAction.of(run).record(definition.name()).setStatus(engine.status(definition));
        run.save();
    }

    /**
     * Lowers the TTL of a router with cached answers (dns) for the coming switch, without waiting: the wait runs while
     * the release goes on, and the switch is refused until it is over (or waits, with {@code prepare: true}).
     */
    public void prepareTtl() throws AbortException {
        call(() -> engine.prepare(definition, actor, false));
    }

    /** Runs engine work; its refusals and bad input end the step with their message alone (no stack trace). */
    public static <T> T call(Supplier<T> work) throws AbortException {
        try {
            return work.get();
        } catch (BadInputException | RefusedException | DriverException | DeployFailedException | StateStoreException e) {
            AbortException abort = new AbortException(e.getMessage());
            abort.initCause(e);
            throw abort;
        }
    }
}
