package io.shadowgate.proxy;

import io.netty.buffer.ByteBuf;
import io.netty.handler.codec.http.HttpResponse;

/**
 * Sees the primary's answer to a mirrored request as it is relayed to the client, so it can be
 * compared with the shadow's. Every call happens on the client's event loop and must return at
 * once. Exactly one of {@link #onComplete} and {@link #onFailed} ends the sequence.
 *
 * <p>Every time given is in nanoseconds since the request was written on the connection that
 * answered, all read from one clock by the proxy (once per message it relays), so they never
 * disagree: the head's time is at most the first piece's, and the last piece's equals
 * {@link #onComplete}'s.
 */
public interface PrimaryObserver {
    /** The error given to {@link #onFailed} when the client closed its connection first. */
    String CLIENT_GONE = "client_gone";

    /** Observes nothing. */
    PrimaryObserver NONE = new PrimaryObserver() {
        @Override
        public void onHead(HttpResponse head, long nanos) {}

        @Override
        public void onContent(ByteBuf content, long nanos) {}

        @Override
        public void onComplete(long latencyNanos) {}

        @Override
        public void onFailed(String error) {}
    };

    /** The status line and headers (informational responses are not shown), arrived {@code nanos} after the write. */
    void onHead(HttpResponse head, long nanos);

    /**
     * A piece of the body, borrowed (retain or copy what is kept beyond this call), arrived
     * {@code nanos} after the write. The last piece may be empty.
     */
    void onContent(ByteBuf content, long nanos);

    /**
     * The whole answer arrived, {@code latencyNanos} after the request was written on the
     * connection that answered: the upstream's own time, without waiting for a connection (the
     * access log and {@code shadowgate_upstream_latency_seconds} count that wait too).
     */
    void onComplete(long latencyNanos);

    /** No complete answer will come: the primary failed, timed out, or the client went away. */
    void onFailed(String error);
}
