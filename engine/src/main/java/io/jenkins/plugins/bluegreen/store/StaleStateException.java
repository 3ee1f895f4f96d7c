package io.jenkins.plugins.bluegreen.store;

import io.jenkins.plugins.bluegreen.model.RefusedException;

/** A save lost the race against another writer; nothing was written. */
public class StaleStateException extends RefusedException {

    public StaleStateException(String service, long expected, long actual) {
        super(service + ": the state changed while this operation ran (expected revision " + expected + ", found "
                + actual + "); nothing was saved. Check 'status' and run the operation again");
    }
}
