package io.shadowgate.mirror;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * A non-blocking counting bound: {@link #tryAcquire} never waits, so the client's event loop can
 * ask it. A mirror that finds it full is shed, which is what keeps a slow shadow from piling up
 * memory or connections.
 */
final class InFlightLimit {
    private final int max;
    private final AtomicInteger inFlight = new AtomicInteger();

    InFlightLimit(int max) {
        this.max = max;
    }

    boolean tryAcquire() {
        int current;
        do {
            current = inFlight.get();
            if (current >= max) {
                return false;
            }
        } while (!inFlight.compareAndSet(current, current + 1));
        return true;
    }

    void release() {
        inFlight.decrementAndGet();
    }

    int inFlight() {
        return inFlight.get();
    }
}
