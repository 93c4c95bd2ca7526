package io.shadowgate.proxy;

import io.netty.handler.codec.http.FullHttpRequest;

/**
 * Where the proxy offers a copy of every request it forwards to the primary. The proxy owns this
 * interface so that it never depends on how (or whether) requests are mirrored.
 *
 * <p>Called on the client's event loop just before the request goes to the primary, so an
 * implementation must decide at once and never block: sample, take an in-flight permit, retain
 * what it keeps of the request (its body by reference count) and hand the sending to its own
 * threads. Must not throw and must not modify the request.
 */
@FunctionalInterface
public interface MirrorSink {
    /** Mirrors nothing. */
    MirrorSink NONE = (request, requestId, candidateServes) -> PrimaryObserver.NONE;

    /**
     * @param request the client's request, headers already carrying {@code X-Forwarded-*} and the
     *     request id but not yet the primary's {@code Host} or configured headers; borrowed
     * @param candidateServes true when the canary routed this request to the candidate, so the
     *     copy goes to stable instead
     * @return what wants to see the primary's answer, or {@link PrimaryObserver#NONE}
     */
    PrimaryObserver mirror(FullHttpRequest request, String requestId, boolean candidateServes);
}
