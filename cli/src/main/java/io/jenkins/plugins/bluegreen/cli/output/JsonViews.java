package io.jenkins.plugins.bluegreen.cli.output;

import io.jenkins.plugins.bluegreen.approval.ApprovalDecision;
import io.jenkins.plugins.bluegreen.driver.ServerAnswers.ServerAnswer;
import io.jenkins.plugins.bluegreen.model.Color;
import io.jenkins.plugins.bluegreen.model.Environment;
import io.jenkins.plugins.bluegreen.model.Event;
import io.jenkins.plugins.bluegreen.model.IdleStandby;
import io.jenkins.plugins.bluegreen.model.LoweredTtl;
import io.jenkins.plugins.bluegreen.model.Outcome;
import io.jenkins.plugins.bluegreen.model.ServiceState;
import io.jenkins.plugins.bluegreen.model.VerificationReport;
import io.jenkins.plugins.bluegreen.release.Results;
import io.jenkins.plugins.bluegreen.release.ServiceDefinition;
import io.jenkins.plugins.bluegreen.watch.SessionDrainReport;
import io.jenkins.plugins.bluegreen.watch.SwitchReport;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** The {@code --json} output of each command; the schema is documented in docs/cli.md and kept stable. */
public final class JsonViews {

    /** Version of this output schema; raised only on incompatible changes. */
    public static final int SCHEMA = 1;

    private JsonViews() {}

    /**
     * @param servers each server's answer (dns); empty for a router that is one server
     * @param loweredTtl the record's TTL as lowered by {@code prepare}, or {@code null}
     */
    public record StatusView(int schema, String service, long revision, Color live, Color observed, String routerHealth,
            String drift, Map<String, Environment> environments, List<ServerAnswer> servers, LoweredTtl loweredTtl,
            StandbyView standby) {
        public static StatusView of(Results.Status status, ServiceDefinition definition) {
            ServiceState state = status.state();
            return new StatusView(SCHEMA, state.service(), state.revision(), state.live(), status.observed().orElse(null),
                    status.routerHealth(), status.drift(), Map.of("blue", asShown(state.blue(), definition),
                            "green", asShown(state.green(), definition)), status.servers(), state.loweredTtl(),
                    status.standby().map(StandbyView::of).orElse(null));
        }

        /**
         * The recorded environment, with the spec's URLs when none are recorded: a colour never deployed has no URLs
         * in the record, yet the spec says where it will answer.
         */
        public static Environment asShown(Environment recorded, ServiceDefinition definition) {
            if (!recorded.urls().isEmpty()) {
                return recorded;
            }
            return new Environment(recorded.color(), recorded.version(), definition.urls(recorded.color()), recorded.status(),
                    recorded.lastReport(), recorded.updatedAt(), recorded.actor());
        }
    }

    /**
     * The idle standby colour: since when it has been kept, the keep-old deadline, whether retire is due, and its cost.
     *
     * @param idleCost e.g. {@code 5.21 EUR}, or {@code null} without {@code idleCostPerHour}
     */
    public record StandbyView(Color color, String version, Instant since, long idleSeconds, Instant keepOldUntil,
            boolean retireDue, String idleCost, String summary) {
        static StandbyView of(IdleStandby standby) {
            return new StandbyView(standby.standby().color(), standby.standby().version(), standby.since(),
                    standby.idleFor().toSeconds(), standby.keepOldUntil(), standby.retireDue(),
                    standby.idleCost() == null ? null : standby.idleCost().format(standby.cost()), standby.describe());
        }
    }

    /** @param lowered the recorded lowered TTL, or {@code null} when the TTL needed no lowering */
    public record PrepareView(int schema, String service, LoweredTtl lowered, long waitedMillis) {}

    public record VerifyView(int schema, String service, Outcome outcome, List<VerificationReport> reports) {
        public static VerifyView of(String service, Results.Verified verified) {
            return new VerifyView(SCHEMA, service, verified.outcome(), verified.reports());
        }
    }

    /** The figures of a watch window; every probe is in the SVG/HTML report. */
    public record WatchView(Color from, Color to, int probes, long failed, long timeToFirstNewMillis, long timeToAllNewMillis,
            double newColorShare, double p99LatencyMillis) {
        public static WatchView of(SwitchReport report) {
            return report == null ? null : new WatchView(report.from(), report.to(), report.samples().size(), report.failures(),
                    report.timeToFirstNewMillis(), report.timeToAllNewMillis(), report.newColorShareAfterSwitch(),
                    report.p99LatencyMillis());
        }
    }

    /**
     * How the sessions pinned to the old colour drained after a switch ({@code sessions: drain}).
     *
     * @param oldRequestsPerSecond requests the old colour served in each second after the switch
     * @param lastOldRequestMillis the last one, after the switch call; -1 if none
     * @param ending {@code PERIOD_ENDED}, {@code IDLE}, {@code ROLLED_BACK} or {@code ABANDONED}
     */
    public record SessionsView(Color draining, String cookie, long periodMillis, long idleMillis, long oldRequests,
            List<Long> oldRequestsPerSecond, long lastOldRequestMillis, SessionDrainReport.Ending ending, long endedAtMillis,
            String summary) {
        public static SessionsView of(SessionDrainReport drain) {
            return drain == null ? null : new SessionsView(drain.draining(), drain.policy().cookie(), drain.policy().period().toMillis(),
                    drain.policy().idle().toMillis(), drain.oldRequests(), drain.oldRequestsPerSecond(), drain.lastOldRequestMillis(),
                    drain.ending(), drain.endedAtMillis(), drain.summary());
        }
    }

    public record SwitchView(int schema, String service, Color live, boolean autoRolledBack, ApprovalDecision approval,
            WatchView watch, SessionsView sessions, ReportFiles.Written report) {
        public static SwitchView of(Results.Switched switched, ReportFiles.Written report) {
            return new SwitchView(SCHEMA, switched.state().service(), switched.state().live(), switched.autoRolledBack(),
                    switched.approval(), WatchView.of(switched.report()), SessionsView.of(switched.drain()), report);
        }
    }

    public record RollbackView(int schema, String service, Color live, long rtoMillis, WatchView watch, ReportFiles.Written report) {
        public static RollbackView of(Results.RolledBack rolledBack, ReportFiles.Written report) {
            return new RollbackView(SCHEMA, rolledBack.state().service(), rolledBack.state().live(), rolledBack.rtoMillis(),
                    WatchView.of(rolledBack.report()), report);
        }
    }

    public record DrillView(int schema, String service, Color live, long backRtoMillis, long forwardRtoMillis, WatchView back,
            WatchView forward) {
        public static DrillView of(Results.Drilled drilled) {
            return new DrillView(SCHEMA, drilled.state().service(), drilled.state().live(), drilled.backRtoMillis(),
                    drilled.forwardRtoMillis(), WatchView.of(drilled.backReport()), WatchView.of(drilled.forwardReport()));
        }
    }

    /**
     * What {@code --json} prints when a command fails: the message, the exit code and what was (not) changed.
     *
     * @param service {@code null} when the spec could not be read
     */
    public record ErrorView(int schema, String service, String error, int exitCode, String changed) {}

    public record HistoryView(int schema, String service, List<Event> events) {}

    public record PlanView(int schema, String service, List<String> steps) {}
}
