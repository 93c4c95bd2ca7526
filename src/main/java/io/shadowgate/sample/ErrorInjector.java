package io.shadowgate.sample;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Decides which requests get an injected 500. The n-th decision is a hash of the seed and n, so a
 * run with the same seed and the same request order fails the same requests; one atomic counter
 * keeps it thread-safe without a lock or a shared {@code Random}.
 */
final class ErrorInjector {
    private final double rate;
    private final long seed;
    private final AtomicLong counter = new AtomicLong();

    ErrorInjector(double rate, long seed) {
        this.rate = rate;
        this.seed = seed;
    }

    /** True when this request should fail. */
    boolean inject() {
        if (rate <= 0) {
            return false;
        }
        if (rate >= 1) {
            return true;
        }
        long n = counter.getAndIncrement();
        return SplitMix.unit(SplitMix.mix64(seed + n * 0x9e3779b97f4a7c15L)) < rate;
    }
}
