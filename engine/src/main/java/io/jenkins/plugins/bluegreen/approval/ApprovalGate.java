package io.jenkins.plugins.bluegreen.approval;

import java.time.Duration;

/**
 * Asks for approval of a cutover. The Jenkins plugin pauses the build without holding an executor and answers from
 * a POST; the CLI prompts on a terminal. Implementations wait at most {@code timeout}.
 */
public interface ApprovalGate {

    ApprovalDecision request(ApprovalRequest request, Duration timeout);

    /** Grants every request, naming who configured it that way. */
    static ApprovalGate autoApprove(String by) {
        return (request, timeout) -> ApprovalDecision.granted(by);
    }

    /** Answers with a decision already taken elsewhere (the plugin's approval page). */
    static ApprovalGate decided(ApprovalDecision decision) {
        return (request, timeout) -> decision;
    }
}
