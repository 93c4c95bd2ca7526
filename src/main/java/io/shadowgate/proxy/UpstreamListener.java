package io.shadowgate.proxy;

import io.netty.handler.codec.http.HttpObject;

/**
 * Receives what one upstream connection delivers while an exchange holds it. All calls arrive on
 * the connection's event loop, which is also the client's (connections are opened on the
 * inbound channel's loop).
 */
interface UpstreamListener {
    /** A decoded response part; the listener owns it and must release or pass it on. */
    void onUpstreamMessage(HttpObject message);

    /** The connection finished one read; a good moment to flush what was relayed. */
    void onUpstreamReadComplete();

    /** The connection closed ({@code cause} null) or failed before the exchange ended. */
    void onUpstreamClosed(Throwable cause);
}
