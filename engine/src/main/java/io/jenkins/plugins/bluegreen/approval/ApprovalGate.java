package io.jenkins.plugins.bluegreen.approval;

import io.jenkins.plugins.bluegreen.model.RefusedException;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Asks for approval of a cutover. The Jenkins plugin pauses the build without holding an executor and answers from
 * a POST; the CLI prompts on a terminal. Implementations wait at most {@code timeout}.
 */
public interface ApprovalGate {

    ApprovalDecision request(ApprovalRequest request, Duration timeout);

    /**
     * When the request was made, if it was made before the engine asks (the plugin asks when the step starts and
     * answers from its page later); empty when asking is the request.
     */
    default Optional<Instant> requestedAt() {
        return Optional.empty();
    }

    /** Grants every request, naming who configured it that way. */
    static ApprovalGate autoApprove(String by) {
        return (request, timeout) -> ApprovalDecision.granted(by);
    }

    /**
     * Answers with a decision already taken elsewhere (the plugin's approval page) on the request for
     * {@code approvedVersion}. What was approved is what goes live: if another version was deployed to the idle
     * colour since, the switch is refused.
     */
    static ApprovalGate decided(ApprovalDecision decision, String approvedVersion) {
        return decided(decision, approvedVersion, null);
    }

    /** @param requestedAt when the approver was asked, or {@code null}: the APPROVAL_REQUESTED event carries it */
    static ApprovalGate decided(ApprovalDecision decision, String approvedVersion, Instant requestedAt) {
        return new ApprovalGate() {
            @Override
            public ApprovalDecision request(ApprovalRequest request, Duration timeout) {
                if (!Objects.equals(approvedVersion, request.toVersion())) {
                    throw new RefusedException(request.service() + ": the approval was for " + request.to().name() + " ("
                            + approvedVersion + "), but " + request.to().name() + " now runs " + request.toVersion()
                            + "; traffic was not touched. Switch again to ask for approval of " + request.toVersion());
                }
                return decision;
            }

            @Override
            public Optional<Instant> requestedAt() {
                return Optional.ofNullable(requestedAt);
            }
        };
    }
}
