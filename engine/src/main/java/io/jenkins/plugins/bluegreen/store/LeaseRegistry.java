package io.jenkins.plugins.bluegreen.store;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * In-process leases with an optional wait, shared by the stores. A lease is identified by a key (the service for
 * the in-memory store, the lease file for the file store) and reported by its service name.
 */
final class LeaseRegistry {

    private final Map<String, String> holders = new HashMap<>();

    synchronized void take(String key, String service, String holder, Duration wait) {
        long deadline = System.nanoTime() + wait.toNanos();
        while (holders.containsKey(key)) {
            long remaining = deadline - System.nanoTime();
            if (remaining <= 0) {
                throw new LeaseHeldException(service, holders.get(key));
            }
            try {
                wait(Math.max(1, remaining / 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new LeaseHeldException(service, holders.get(key));
            }
        }
        holders.put(key, holder);
    }

    synchronized void release(String key, String holder) {
        if (holder.equals(holders.get(key))) {
            holders.remove(key);
            notifyAll();
        }
    }

    StateStore.Lease lease(String key, String service, String holder, Runnable onClose) {
        return new ClosingLease(service, holder, () -> {
            onClose.run();
            release(key, holder);
        });
    }
}
