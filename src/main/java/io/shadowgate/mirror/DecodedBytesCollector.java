package io.shadowgate.mirror;

import static java.util.Objects.requireNonNull;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import java.io.ByteArrayOutputStream;

/**
 * Sits after each decoder of one decoding and counts what that decoder produced against the
 * {@link DecodeBudget}. After the last decoder it also keeps the bytes; between decoders it passes
 * them on. Once the budget is spent every buffer is released on arrival and what was kept is
 * dropped, so memory stays at the limit however much a decoder still produces. One instance per
 * decoding stage (not sharable).
 */
final class DecodedBytesCollector extends ChannelInboundHandlerAdapter {
    private final DecodeBudget budget;
    private final boolean last;
    private ByteArrayOutputStream kept = new ByteArrayOutputStream();
    private long produced;

    DecodedBytesCollector(DecodeBudget budget, boolean last) {
        this.budget = requireNonNull(budget, "budget");
        this.last = last;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        ByteBuf buf = (ByteBuf) msg;
        produced += buf.readableBytes();
        if (budget.spend(produced)) {
            buf.release();
            kept = null;
            return;
        }
        if (!last) {
            ctx.fireChannelRead(buf);
            return;
        }
        try {
            buf.readBytes(kept, buf.readableBytes());
        } catch (java.io.IOException e) {
            throw new IllegalStateException("writing to memory failed", e); // a ByteArrayOutputStream does not
        } finally {
            buf.release();
        }
    }

    /** The bytes kept after the last decoder; empty once the budget was spent. */
    byte[] bytes() {
        return kept == null ? new byte[0] : kept.toByteArray();
    }
}
