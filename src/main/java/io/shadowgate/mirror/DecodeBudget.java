package io.shadowgate.mirror;

/**
 * The decoded bytes one body may produce, shared by the handlers and the allocator of one
 * decoding. Once spent, the allocator refuses every further buffer, which is what stops a decoder
 * in the middle of its own loop instead of after it has inflated all its input. One instance per
 * decoding, on one thread.
 */
final class DecodeBudget {
    private final long limit;
    private boolean exceeded;

    DecodeBudget(long limit) {
        this.limit = limit;
    }

    /** Whether {@code bytes} produced so far (at one stage) pass the limit; once true, stays true. */
    boolean spend(long bytes) {
        if (bytes > limit) {
            exceeded = true;
        }
        return exceeded;
    }

    boolean exceeded() {
        return exceeded;
    }

    long limit() {
        return limit;
    }
}
