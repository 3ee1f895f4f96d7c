package io.jenkins.plugins.bluegreen.store;

/** A held lease that runs its release once, on the first close. */
public final class ClosingLease implements StateStore.Lease {

    private final String service;
    private final String holder;
    private final Runnable release;
    private boolean closed;

    public ClosingLease(String service, String holder, Runnable release) {
        this.service = service;
        this.holder = holder;
        this.release = release;
    }

    @Override
    public String service() {
        return service;
    }

    @Override
    public String holder() {
        return holder;
    }

    @Override
    public synchronized void close() {
        if (!closed) {
            closed = true;
            release.run();
        }
    }
}
