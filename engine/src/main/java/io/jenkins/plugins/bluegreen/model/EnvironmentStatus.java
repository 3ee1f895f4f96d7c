package io.jenkins.plugins.bluegreen.model;

/** Lifecycle of one colour; {@link StateMachine} holds the legal moves between these. */
public enum EnvironmentStatus {
    EMPTY,
    DEPLOYING,
    DEPLOYED,
    VERIFIED,
    FAILED,
    LIVE,
    STANDBY,
    RETIRED
}
