package io.jenkins.plugins.bluegreen.store;

import io.jenkins.plugins.bluegreen.model.RefusedException;

/** Another release of the same service holds the lease. */
public class LeaseHeldException extends RefusedException {

    private final String holder;

    public LeaseHeldException(String service, String holder) {
        super(service + ": another release is in progress, held by " + holder
                + "; wait for it to finish (or give a lease wait) and try again");
        this.holder = holder;
    }

    public String holder() {
        return holder;
    }
}
