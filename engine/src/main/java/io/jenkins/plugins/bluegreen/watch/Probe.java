package io.jenkins.plugins.bluegreen.watch;

/** Sends one request through the public URL and says which colour answered. Never throws. */
@FunctionalInterface
public interface Probe {

    /** @param atMillis the sample's time relative to the window start, passed through to the sample */
    ProbeSample probe(long atMillis);
}
