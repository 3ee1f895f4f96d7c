package io.jenkins.plugins.bluegreen.approval;

import io.jenkins.plugins.bluegreen.model.BadInputException;
import java.time.Duration;
import java.util.Locale;

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
        PROCEED;

        /** {@code abort} or {@code proceed}, any case; blank means abort. */
        public static OnTimeout parse(String field, String text) {
            if (text == null || text.isBlank()) {
                return ABORT;
            }
            return switch (text.trim().toLowerCase(Locale.ROOT)) {
                case "abort" -> ABORT;
                case "proceed" -> PROCEED;
                default -> throw new BadInputException(field, "'" + text.trim() + "' is not 'abort' or 'proceed'");
            };
        }
    }

    public static ApprovalPolicy abortAfter(Duration timeout) {
        return new ApprovalPolicy(timeout, OnTimeout.ABORT, null);
    }
}
