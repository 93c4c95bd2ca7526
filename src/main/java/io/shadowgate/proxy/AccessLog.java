package io.shadowgate.proxy;

/**
 * Receives one entry per client request once its response is over, whichever way it ended. Called
 * on the client's event loop: implementations must return at once and never block.
 */
public interface AccessLog {
    /** The status given for a request whose client went away before any response (nginx's convention). */
    int CLIENT_CLOSED = 499;
    /** The upstream named for a request refused before any upstream saw it. */
    String NO_UPSTREAM = "-";

    /** Writes nothing: the default, a busy gateway's metrics already summarise its requests. */
    AccessLog NONE = (method, uri, status, upstream, nanos, requestId) -> { };

    /**
     * @param uri the request target as the client sent it; implementations decide how much of it to keep
     * @param status the status the client got (the upstream's, or the gateway's own error), or {@link #CLIENT_CLOSED}
     * @param upstream the upstream that answered (stable, candidate), or {@link #NO_UPSTREAM}
     * @param nanos from the start of the exchange to its end
     */
    void log(String method, String uri, int status, String upstream, long nanos, String requestId);
}
