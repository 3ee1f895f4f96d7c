package io.jenkins.plugins.bluegreen.release;

import io.jenkins.plugins.bluegreen.approval.ApprovalDecision;
import io.jenkins.plugins.bluegreen.driver.ServerAnswers.ServerAnswer;
import io.jenkins.plugins.bluegreen.model.Color;
import io.jenkins.plugins.bluegreen.model.IdleStandby;
import io.jenkins.plugins.bluegreen.model.LoweredTtl;
import io.jenkins.plugins.bluegreen.model.Outcome;
import io.jenkins.plugins.bluegreen.model.ServiceState;
import io.jenkins.plugins.bluegreen.model.VerificationReport;
import io.jenkins.plugins.bluegreen.watch.SessionDrainReport;
import io.jenkins.plugins.bluegreen.watch.SwitchReport;
import java.util.List;
import java.util.Optional;

/** The values the engine's operations return. */
public final class Results {

    private Results() {}

    /** Where a deployment goes; handed to the caller's deploy body. */
    public record DeployTarget(String service, Color color, String version, String url) {}

    public record Deployed(DeployTarget target, ServiceState state) {}

    public record Verified(List<VerificationReport> reports, ServiceState state) {
        public Outcome outcome() {
            return reports.stream().map(VerificationReport::outcome).reduce(Outcome.SUCCESSFUL, Outcome::worst);
        }
    }

    /**
     * @param report what the watch saw, or {@code null} when the service has no public URL
     * @param autoRolledBack whether the watch window sent traffic back to the previous colour
     * @param drain how sessions pinned to the old colour drained ({@code sessions: drain}), or {@code null}
     */
    public record Switched(ServiceState state, Color to, ApprovalDecision approval, SwitchReport report, boolean autoRolledBack,
            SessionDrainReport drain) {
        /** A switch without a session drain. */
        public Switched(ServiceState state, Color to, ApprovalDecision approval, SwitchReport report, boolean autoRolledBack) {
            this(state, to, approval, report, autoRolledBack, null);
        }

        /** The same switch after its drain, with the state as the drain left it. */
        public Switched withDrain(ServiceState after, SessionDrainReport newDrain) {
            return new Switched(after, to, approval, report, autoRolledBack, newDrain);
        }
    }

    /**
     * A prepared switch of a router with cached answers.
     *
     * @param lowered the lowered TTL as recorded, or {@code null} when the answer's TTL needed no lowering
     * @param waitedMillis how long this call waited for answers cached with the old TTL to expire (0 without a wait)
     */
    public record Prepared(ServiceState state, LoweredTtl lowered, long waitedMillis) {}

    /** A rollback or a drill: traffic moved to the standby (and, in a drill, back again). */
    public interface TrafficMoved {
        /** The state afterwards. */
        ServiceState state();

        /** The switch window worth showing: the rollback's, or the drill's way back; {@code null} without a watch. */
        SwitchReport report();
    }

    /** @param rtoMillis switch call to 100% of probes (or, without a public URL, the read-back) on the target */
    public record RolledBack(ServiceState state, Color to, SwitchReport report, long rtoMillis) implements TrafficMoved {}

    public record Drilled(ServiceState state, long backRtoMillis, long forwardRtoMillis, SwitchReport backReport,
            SwitchReport forwardReport) implements TrafficMoved {
        @Override
        public SwitchReport report() {
            return backReport;
        }
    }

    /**
     * @param observed what the router serves now; empty when it cannot tell or is unreachable
     * @param drift a sentence when the record and the router disagree, else {@code null}
     * @param servers what each of the router's servers answers (a DNS primary and its secondaries); empty for a
     *        router that is one server
     * @param standby the standby colour's idle time, keep-old deadline and cost; empty when there is none
     */
    public record Status(ServiceState state, Optional<Color> observed, String routerHealth, String drift, List<ServerAnswer> servers,
            Optional<IdleStandby> standby) {
        public boolean drifted() {
            return drift != null;
        }
    }
}
