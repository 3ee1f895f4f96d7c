package io.jenkins.plugins.bluegreen.approval;

import java.time.Duration;

/**
 * How long to wait for an approver and what a timeout means.
 *
 * @param message the question shown to approvers
 */
public record ApprovalPolicy(Duration timeout, OnTimeout onTimeout, String message) {

    public enum OnTimeout {
        /** no answer means no switch */
        ABORT,
        /** no answer means go ahead; recorded as such */
        PROCEED
    }

    public static ApprovalPolicy abortAfter(Duration timeout) {
        return new ApprovalPolicy(timeout, OnTimeout.ABORT, null);
    }
}
