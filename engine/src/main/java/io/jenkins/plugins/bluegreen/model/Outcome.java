package io.jenkins.plugins.bluegreen.model;

/** Result of a verification. Inconclusive hands the decision to a human. */
public enum Outcome {
    SUCCESSFUL,
    INCONCLUSIVE,
    ERROR,
    FAILED;

    /** The more severe of two outcomes: FAILED beats ERROR beats INCONCLUSIVE beats SUCCESSFUL. */
    public Outcome worst(Outcome other) {
        return other.ordinal() > ordinal() ? other : this;
    }
}
