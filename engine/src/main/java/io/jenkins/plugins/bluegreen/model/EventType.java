package io.jenkins.plugins.bluegreen.model;

/** Everything that can happen to a service; the event list is its audit trail. */
public enum EventType {
    DEPLOY_STARTED,
    DEPLOYED,
    DEPLOY_FAILED,
    VERIFIED,
    APPROVAL_REQUESTED,
    APPROVAL_GRANTED,
    APPROVAL_REJECTED,
    APPROVAL_TIMED_OUT,
    SWITCHED,
    SWITCH_FAILED,
    SWITCH_OUTCOME_UNKNOWN,
    AUTO_ROLLED_BACK,
    ROLLED_BACK,
    DRILL,
    RETIRED,
    DRIFT_DETECTED,
    RECONCILED,
    /** a service that ran before anything was recorded: the colour the router served became the recorded live one */
    ADOPTED,
    /** the answer TTL (DNS) lowered before a switch */
    TTL_LOWERED,
    /** answers cached with the old TTL were waited out */
    TTL_WAITED,
    /** the answer TTL given back once no rollback could be needed */
    TTL_RESTORED,
    /** verification found the idle colour's configuration differing from the live one's; names the keys only */
    DRIFT_FOUND,
    /** a session drain ended: the old colour, which kept serving sessions pinned to it after the switch, gets nothing now */
    SESSIONS_DRAINED
}
