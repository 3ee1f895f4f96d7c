package io.jenkins.plugins.bluegreen.approval;

/**
 * An approver's answer.
 *
 * @param by who decided, or {@code null} for a timeout
 * @param comment why, as the approver wrote it
 */
public record ApprovalDecision(Verdict verdict, String by, String comment) {

    public enum Verdict {
        GRANTED,
        REJECTED,
        TIMED_OUT
    }

    public static ApprovalDecision granted(String by) {
        return new ApprovalDecision(Verdict.GRANTED, by, null);
    }

    public static ApprovalDecision rejected(String by, String comment) {
        return new ApprovalDecision(Verdict.REJECTED, by, comment);
    }

    public static ApprovalDecision timedOut() {
        return new ApprovalDecision(Verdict.TIMED_OUT, null, null);
    }
}
