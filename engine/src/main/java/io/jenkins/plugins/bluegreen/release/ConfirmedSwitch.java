package io.jenkins.plugins.bluegreen.release;

import static io.jenkins.plugins.bluegreen.release.ReleaseContext.READ_BACK_POLL;
import static io.jenkins.plugins.bluegreen.release.ReleaseContext.describeLive;

import io.jenkins.plugins.bluegreen.driver.DriverException;
import io.jenkins.plugins.bluegreen.driver.OutcomeUnknownException;
import io.jenkins.plugins.bluegreen.driver.ServerAnswers;
import io.jenkins.plugins.bluegreen.driver.ServerAnswers.ServerAnswer;
import io.jenkins.plugins.bluegreen.driver.SessionDrain;
import io.jenkins.plugins.bluegreen.driver.SessionPolicy;
import io.jenkins.plugins.bluegreen.driver.TrafficDriver;
import io.jenkins.plugins.bluegreen.model.Color;
import io.jenkins.plugins.bluegreen.model.Durations;
import io.jenkins.plugins.bluegreen.model.EventType;
import io.jenkins.plugins.bluegreen.model.ServiceState;
import io.jenkins.plugins.bluegreen.watch.SwitchWatch;
import java.util.List;
import java.util.Optional;

/**
 * Moving the router to a colour and reading it back until it serves it, for a switch, a rollback and the watch
 * window's way back. Whatever goes wrong is recorded as far as it is known; the record's live colour is never
 * changed here, so it stays the one the router serves.
 */
record ConfirmedSwitch(ReleaseContext context, RouterReads router) {

    /**
     * Calls the driver and reads back until the router serves {@code to}. On a refused call or a read-back mismatch,
     * records what is known and throws; the recorded live colour stays the one served. After an unknown outcome the
     * read-back settles it: a switch that landed goes on, a half-applied one is put back on the recorded colour.
     */
    void switchAndConfirm(ServiceDefinition def, ServiceState state, Color to, SwitchWatch watch, String actor,
            SessionPolicy keepSessions) {
        TrafficDriver driver = def.driver();
        if (watch != null) {
            watch.markSwitch();
        }
        if (context.planning()) {
            context.plan("call " + driver.type() + " driver " + (keepSessions == null ? "switchTo(" : "switchKeepingSessions(") + to.label() + ")");
            return;
        }
        OutcomeUnknownException unknown = null;
        try {
            if (keepSessions != null) {
                context.driverRun(def, "switchKeepingSessions(" + to.label() + ")", () -> ((SessionDrain) driver).switchKeepingSessions(to, keepSessions));
            } else if (context.driverCall(def, "switchTo(" + to.label() + ")", () -> switchAndReadOnce(driver, to))) {
                return;
            }
        } catch (OutcomeUnknownException e) {
            context.record(def, EventType.SWITCH_OUTCOME_UNKNOWN, to, null, actor, e.getMessage());
            context.log().info(e.getMessage() + "; reading the router back to settle it");
            unknown = e;
        } catch (DriverException e) {
            recordSwitchFailure(def, to, actor, e.getMessage());
            throw e;
        }
        Optional<Color> observed;
        try {
            observed = readBack(def, to);
        } catch (DriverException readBackFailed) {
            throw unknown != null ? unknown : readBackFailed;
        }
        if (observed.equals(Optional.of(to))) {
            return;
        }
        if (unknown != null && observed.isPresent()) {
            throw unknown;
        }
        if (observed.isEmpty() && driver instanceof ServerAnswers servers) {
            List<ServerAnswer> answers = context.driverCall(def, "serverAnswers()", servers::serverAnswers);
            if (answers.stream().anyMatch(answer -> answer.color() == to)) {
                throw notYetEverywhere(def, state, to, answers, actor);
            }
        }
        String seen = observed.map(Color::name).orElse("no single colour");
        String message = def.name() + ": the " + driver.type() + " router " + (unknown != null ? "lost the switch to " : "accepted the switch to ")
                + to.name() + " but reads back " + seen + " after " + Durations.format(def.confirmTimeout());
        if (state.live() != null && observed.isEmpty()) {
            // Half-applied: put the router back on the recorded colour so record and router agree again.
            context.driverRun(def, "switchTo(" + state.live().label() + ")", () -> driver.switchTo(state.live()));
            Optional<Color> restored = readBack(def, state.live());
            message += "; restored " + state.live().name() + " (router now reads back "
                    + restored.map(Color::name).orElse("no single colour") + ")";
        }
        recordSwitchFailure(def, to, actor, message);
        throw new DriverException(message + ". The record still says " + describeLive(state)
                + "; check the router's configuration and run 'status'", unknown);
    }

    /**
     * Switches and reads the router once, in the same driver call: a switch that reads back at once costs no second
     * hand-off to a driver thread. A failed or different reading is left to the read-back, which retries.
     */
    private static boolean switchAndReadOnce(TrafficDriver driver, Color to) {
        driver.switchTo(to);
        try {
            return driver.observeLive().equals(Optional.of(to));
        } catch (DriverException notYetReadable) {
            return false;
        }
    }

    /**
     * Some servers answer the new colour and some do not yet (a secondary that has not caught up): the switch was
     * applied and is spreading, so putting the old colour back would only race it. Its outcome is unknown until every
     * server agrees; the record stays as it was and {@code status} shows each server's answer.
     */
    private OutcomeUnknownException notYetEverywhere(ServiceDefinition def, ServiceState state, Color to, List<ServerAnswer> answers,
            String actor) {
        String message = def.name() + ": not every " + def.driver().type() + " server serves " + to.name() + " after "
                + def.confirmTimeout().toMillis() + " ms (" + RouterReads.describe(answers) + "); the outcome is unknown until they agree";
        context.record(def, EventType.SWITCH_OUTCOME_UNKNOWN, to, null, actor, message);
        context.log().info(message);
        return new OutcomeUnknownException(message + ". The record still says " + describeLive(state) + "; run 'status' to"
                + " see each server's answer, and 'reconcile' once they agree");
    }

    void recordSwitchFailure(ServiceDefinition def, Color to, String actor, String message) {
        context.record(def, EventType.SWITCH_FAILED, to, null, actor, message);
        context.log().info(message);
    }

    Optional<Color> readBack(ServiceDefinition def, Color expected) {
        if (context.planning()) {
            return Optional.of(expected);
        }
        long deadline = System.nanoTime() + def.confirmTimeout().toNanos();
        Optional<Color> observed = router.observe(def);
        while (!observed.equals(Optional.of(expected)) && System.nanoTime() < deadline) {
            ReleaseContext.sleep(READ_BACK_POLL);
            observed = router.observe(def);
        }
        return observed;
    }
}
