package io.shadowgate.mirror;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandler;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.DecoderException;
import io.shadowgate.mirror.DecodedBody.Result;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Undoes an answer's {@code Content-Encoding} so that the comparison sees what the model meant,
 * whichever side compressed. Runs Netty's decoders in an {@link EmbeddedChannel}, on the calling
 * thread (the comparison thread, never an event loop), bounded by the decoded size: the decoders
 * allocate through a {@link BudgetAllocator}, so decoding stops within one chunk of the limit.
 * Never throws for bad input: every outcome is a {@link DecodedBody}. Stateless and thread-safe.
 */
final class BodyDecoder {
    /**
     * Input is fed in slices so that feeding stops soon after the budget is spent (the allocator
     * stops the decoder itself); 8 KiB slices made a 1 MB gzip body about three times slower.
     */
    private static final int INPUT_SLICE_BYTES = 64 * 1024;

    private final long maxDecodedBytes;

    BodyDecoder(long maxDecodedBytes) {
        if (maxDecodedBytes < 0) {
            throw new IllegalArgumentException("maxDecodedBytes: " + maxDecodedBytes + " (expected: >= 0)");
        }
        this.maxDecodedBytes = maxDecodedBytes;
    }

    /**
     * @param contentEncoding the answer's {@code Content-Encoding} header value(s), or null
     * @param body the body as received; not changed
     */
    DecodedBody decode(String contentEncoding, byte[] body) {
        List<String> codings = ContentCodings.toUndo(contentEncoding);
        if (codings.isEmpty()) {
            return DecodedBody.decoded(body, "");
        }
        List<ChannelHandler> decoders = new ArrayList<>(codings.size());
        for (String coding : codings) {
            Optional<ChannelHandler> decoder = ContentCodings.decoder(coding);
            if (decoder.isEmpty()) {
                return DecodedBody.notDecoded(Result.UNKNOWN_CODING, body,
                        "Content-Encoding \"" + contentEncoding.trim() + "\": \"" + coding + "\" is not decoded here");
            }
            decoders.add(decoder.get());
        }
        return run(contentEncoding.trim(), decoders, body);
    }

    private DecodedBody run(String codings, List<ChannelHandler> decoders, byte[] body) {
        DecodeBudget budget = new DecodeBudget(maxDecodedBytes);
        EmbeddedChannel channel = new EmbeddedChannel();
        channel.config().setAllocator(new BudgetAllocator(budget));
        DecodedBytesCollector collector = null;
        for (int i = 0; i < decoders.size(); i++) {
            collector = new DecodedBytesCollector(budget, i == decoders.size() - 1);
            channel.pipeline().addLast(decoders.get(i), collector);
        }
        RuntimeException failure = null;
        try {
            for (int offset = 0; offset < body.length && !budget.exceeded(); offset += INPUT_SLICE_BYTES) {
                channel.writeInbound(Unpooled.wrappedBuffer(body, offset, Math.min(INPUT_SLICE_BYTES, body.length - offset)));
            }
            channel.checkException();
        } catch (RuntimeException e) {
            failure = e;
        } finally {
            try {
                channel.finishAndReleaseAll(); // a decoder's end-of-input may still report an error: counted above, or moot
            } catch (RuntimeException e) {
                failure = failure == null ? e : failure;
            }
        }
        if (budget.exceeded()) {
            return DecodedBody.tooLarge("Content-Encoding \"" + codings + "\": decoded body larger than "
                    + maxDecodedBytes + " bytes (shadow.maxBodyBytes)");
        }
        if (failure != null) {
            return DecodedBody.notDecoded(Result.CORRUPT, body,
                    "Content-Encoding \"" + codings + "\": not valid (" + reason(failure) + ")");
        }
        return DecodedBody.decoded(collector.bytes(), codings);
    }

    /** The innermost message: DecoderException wraps the decoder's own, which says what was wrong. */
    private static String reason(Throwable failure) {
        Throwable cause = failure;
        while (cause instanceof DecoderException && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return CappedBodyHandler.describe(cause);
    }
}
