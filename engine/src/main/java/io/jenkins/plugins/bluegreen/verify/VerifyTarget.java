package io.jenkins.plugins.bluegreen.verify;

/** Which colours a verification covers. BOTH is the schema-compatibility gate: old and new must pass. */
public enum VerifyTarget {
    IDLE,
    LIVE,
    BOTH
}
