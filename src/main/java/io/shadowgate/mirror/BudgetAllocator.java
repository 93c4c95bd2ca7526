package io.shadowgate.mirror;

import static java.util.Objects.requireNonNull;

import io.netty.buffer.AbstractByteBufAllocator;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.UnpooledHeapByteBuf;
import io.netty.handler.codec.compression.DecompressionException;

/**
 * Hands out unpooled heap buffers until the {@link DecodeBudget} is spent, then throws. Netty's
 * decoders allocate a fresh buffer for every chunk they pass on, so a refused allocation ends the
 * decoder's loop within one chunk of the limit: a decompression bomb is never inflated further.
 * Heap only (the decoders ask for heap), unpooled (a decoding's buffers live for one call).
 */
final class BudgetAllocator extends AbstractByteBufAllocator {
    private final DecodeBudget budget;

    BudgetAllocator(DecodeBudget budget) {
        super(false);
        this.budget = requireNonNull(budget, "budget");
    }

    @Override
    protected ByteBuf newHeapBuffer(int initialCapacity, int maxCapacity) {
        refuseWhenSpent();
        return new UnpooledHeapByteBuf(this, initialCapacity, maxCapacity);
    }

    @Override
    protected ByteBuf newDirectBuffer(int initialCapacity, int maxCapacity) {
        // Nothing in a decoding needs direct memory: give heap, which the budget covers the same way.
        return newHeapBuffer(initialCapacity, maxCapacity);
    }

    @Override
    public boolean isDirectBufferPooled() {
        return false;
    }

    private void refuseWhenSpent() {
        if (budget.exceeded()) {
            throw new DecompressionException("decoded body larger than " + budget.limit() + " bytes");
        }
    }
}
