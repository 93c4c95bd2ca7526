package io.shadowgate.mirror;

import io.netty.buffer.ByteBuf;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponse;
import io.shadowgate.mirror.LegResult.Ending;
import io.shadowgate.proxy.PrimaryObserver;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * One mirrored request while its legs are under way: the primary's answer, observed on the
 * client's event loop as it is relayed, and the shadow's (plus, for the noise baseline, a second
 * stable answer), each arriving on the mirror's loop. When the last leg ends, the whole is handed
 * to {@code onAllIn}, once, on whichever thread ended it; that consumer must hand heavy work on.
 *
 * <p>The primary's body is kept as retained slices of the buffers relayed to the client (no copy
 * on the event loop) up to the size limit, and copied out once, by {@link #primary()}. Each leg
 * writes its own fields before counting down; the count-down publishes them to the reader.
 */
final class MirroredRequest implements PrimaryObserver {

    final String requestId;
    final String method;
    final String uri;
    private final ByteBuf requestBody;
    final long sampledAtMillis;
    /** The canary routed this request to the candidate: the primary leg is the candidate's, the shadow stable's. */
    final boolean candidateServes;
    private final long maxBodyBytes;
    private final Consumer<MirroredRequest> onAllIn;
    private final AtomicInteger pending;

    // Primary leg, written on the client's event loop.
    private final List<ByteBuf> primaryBody = new ArrayList<>(2);
    private long primaryBytes;
    private int primaryStatus;
    private String primaryContentType;
    private String primaryContentEncoding;
    private boolean primaryTooLarge;
    /** When the primary's head arrived, after the request was written. */
    private long primaryFirstByteNanos;
    private final ArrivalTimes primaryArrivals = new ArrivalTimes();
    private LegResult primary;

    // Other legs, written on the mirror's loop.
    private volatile LegResult shadow;
    private volatile LegResult noise;
    private volatile LegResult secondNoise;

    /** Takes ownership of {@code requestBody}, a retained view of the client's body, until {@link #release}. */
    MirroredRequest(String requestId, String method, String uri, ByteBuf requestBody, long maxBodyBytes,
                    boolean candidateServes, int noiseCopies, Consumer<MirroredRequest> onAllIn) {
        this.candidateServes = candidateServes;
        this.requestId = requestId;
        this.method = method;
        this.uri = uri;
        this.requestBody = requestBody;
        this.sampledAtMillis = System.currentTimeMillis();
        this.maxBodyBytes = maxBodyBytes;
        this.onAllIn = onAllIn;
        this.pending = new AtomicInteger(2 + noiseCopies);
    }

    @Override
    public void onHead(HttpResponse head, long nanos) {
        primaryFirstByteNanos = nanos;
        primaryStatus = head.status().code();
        primaryContentType = head.headers().get(HttpHeaderNames.CONTENT_TYPE);
        // The client gets these bytes as they are; the comparison decodes its own copy later.
        primaryContentEncoding = LegResult.joined(head.headers().getAll(HttpHeaderNames.CONTENT_ENCODING));
    }

    @Override
    public void onContent(ByteBuf content, long nanos) {
        if (primaryTooLarge || !content.isReadable()) {
            return;
        }
        primaryBytes += content.readableBytes();
        if (primaryBytes > maxBodyBytes) {
            primaryTooLarge = true;
            releasePrimaryBody();
            primaryArrivals.clear();
            return;
        }
        primaryBody.add(content.retainedSlice());
        primaryArrivals.piece((int) primaryBytes, nanos); // at most maxBodyBytes, which is an int's worth
    }

    @Override
    public void onComplete(long latencyNanos) {
        primary = primaryTooLarge
                ? LegResult.failed(Ending.TOO_LARGE, "primary answer larger than " + maxBodyBytes + " bytes")
                : new LegResult(Ending.ANSWERED, primaryStatus, primaryContentType, primaryContentEncoding, null, latencyNanos, null);
        legDone();
    }

    @Override
    public void onFailed(String error) {
        releasePrimaryBody();
        primary = LegResult.failed(PrimaryObserver.CLIENT_GONE.equals(error) ? Ending.ABANDONED : Ending.ERROR, "primary: " + error);
        legDone();
    }

    void shadowDone(LegResult result) {
        shadow = result;
        legDone();
    }

    void secondNoiseDone(LegResult result) {
        secondNoise = result;
        legDone();
    }

    void noiseDone(LegResult result) {
        noise = result;
        legDone();
    }

    private void legDone() {
        if (pending.decrementAndGet() == 0) {
            onAllIn.accept(this);
        }
    }

    /** The primary's leg with its body copied out (and the retained slices released); call once all legs are in. */
    LegResult primary() {
        if (primary.answered() && primary.body() == null) {
            byte[] body = new byte[(int) primaryBytes];
            int offset = 0;
            for (ByteBuf piece : primaryBody) {
                int length = piece.readableBytes();
                piece.getBytes(piece.readerIndex(), body, offset, length);
                offset += length;
            }
            releasePrimaryBody();
            primary = LegResult.answered(primary.status(), primary.contentType(), primary.contentEncoding(), body,
                    primary.nanos(), primaryFirstByteNanos, primaryArrivals.arrivals());
        }
        return primary;
    }

    LegResult shadow() {
        return shadow;
    }

    /** The second stable answer, or null without the noise baseline. */
    LegResult noise() {
        return noise;
    }

    /** A third stable answer, sent with the noise copy to time stable against itself, or null. */
    LegResult secondNoise() {
        return secondNoise;
    }

    /** A copy of the client's request body, for a stored mismatch sample. */
    byte[] requestBody() {
        byte[] copy = new byte[requestBody.readableBytes()];
        requestBody.getBytes(requestBody.readerIndex(), copy);
        return copy;
    }

    /** Lets go of every buffer still held; call once, after all legs are in. */
    void release() {
        requestBody.release();
        releasePrimaryBody();
    }

    private void releasePrimaryBody() {
        primaryBody.forEach(ByteBuf::release);
        primaryBody.clear();
    }
}
