package io.jenkins.plugins.bluegreen.store;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/** In-process leases, one per service, with an optional wait. Shared by the stores. */
final class LeaseRegistry {

    private final Map<String, String> holders = new HashMap<>();

    synchronized void take(String service, String holder, Duration wait) {
        long deadline = System.nanoTime() + wait.toNanos();
        while (holders.containsKey(service)) {
            long remaining = deadline - System.nanoTime();
            if (remaining <= 0) {
                throw new LeaseHeldException(service, holders.get(service));
            }
            try {
                wait(Math.max(1, remaining / 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new LeaseHeldException(service, holders.get(service));
            }
        }
        holders.put(service, holder);
    }

    synchronized void release(String service, String holder) {
        if (holder.equals(holders.get(service))) {
            holders.remove(service);
            notifyAll();
        }
    }

    StateStore.Lease lease(String service, String holder, Runnable onClose) {
        return new StateStore.Lease() {
            private boolean closed;

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
                    onClose.run();
                    release(service, holder);
                }
            }
        };
    }
}
