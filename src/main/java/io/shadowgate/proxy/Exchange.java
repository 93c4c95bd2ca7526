package io.shadowgate.proxy;

import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One client request relayed to the primary upstream and its response relayed back, as it
 * arrives. Lives entirely on the client's event loop; the upstream connection comes from the same
 * loop. Owns the aggregated request until it ends, whichever way it ends: complete, failed (502 or
 * 504 as JSON when nothing was sent yet, else the client connection is closed), or abandoned
 * because the client went away.
 *
 * <p>Three timers bound the upstream: {@code firstByteTimeout} until the response head, then
 * {@code idleTimeout} between pieces of the body (paused while the client cannot take more, since
 * that silence is the client's), and {@code timeout} over the whole exchange. Before the head a
 * timeout answers 504; after it the status is out, so the client's connection is closed instead
 * (a truncated body, chunked or not, cannot be ended honestly on a kept-alive connection), and the
 * cut is logged and counted by its cause but never as a 504.
 *
 * <p>A pooled connection that the upstream closed while it sat idle fails the first write; such a
 * failure, on a reused connection and before any response byte, is retried once on a new
 * connection. That is safe because the upstream cannot have acted on a request it never read.
 */
final class Exchange implements UpstreamListener {
    private static final Logger log = LoggerFactory.getLogger(Exchange.class);

    private final ChannelHandlerContext client;
    private final FullHttpRequest request;
    private final Upstream upstream;
    private final String requestId;
    /** The label of the request's route, for the latency and first-byte timers. */
    private final String route;
    private final PrimaryObserver observer;
    private final Runnable onDone;
    private final AccessLog accessLog;
    private final long startNanos = System.nanoTime();
    /** When the request was written out on the connection that answered: the upstream's own time starts here. */
    private long sentNanos;
    private final boolean http10KeepAlive;

    static final String FIRST_BYTE_TIMEOUT = "first_byte_timeout";
    static final String IDLE_TIMEOUT = "idle_timeout";
    static final String TOTAL_TIMEOUT = "total_timeout";

    /** The whole exchange's deadline. */
    private ScheduledFuture<?> timeout;
    /** Before the head, its deadline when sooner than the total; after it, the idle deadline. */
    private ScheduledFuture<?> phaseTimer;
    private Future<Channel> acquiring;
    private Channel connection;
    private UpstreamHandler connectionHandler;
    private boolean reusedConnection;
    private boolean retried;
    private boolean responseStarted;
    private boolean upstreamKeepAlive;
    private boolean closeClientAfter;
    private int status;
    private boolean finished;
    /** The observer was told the answer is complete, so it must not also hear of a failure. */
    private boolean observed;

    Exchange(ChannelHandlerContext client, FullHttpRequest request, Upstream upstream, String requestId,
             String route, PrimaryObserver observer, Runnable onDone, AccessLog accessLog) {
        this.client = client;
        this.request = request;
        this.upstream = upstream;
        this.requestId = requestId;
        this.route = route;
        this.observer = observer;
        this.onDone = onDone;
        this.accessLog = accessLog;
        this.http10KeepAlive = request.protocolVersion().equals(HttpVersion.HTTP_1_0) && HttpUtil.isKeepAlive(request);
    }

    String requestId() {
        return requestId;
    }

    /** Asks for a {@code Connection: close} on the response, for a draining server. */
    void closeClientAfter() {
        closeClientAfter = true;
    }

    void start() {
        timeout = client.executor().schedule(() -> onTimeout(responseStarted ? TOTAL_TIMEOUT : FIRST_BYTE_TIMEOUT),
                upstream.timeout().toNanos(), TimeUnit.NANOSECONDS);
        if (upstream.firstByteTimeout().compareTo(upstream.timeout()) < 0) {
            phaseTimer = client.executor().schedule(() -> onTimeout(FIRST_BYTE_TIMEOUT),
                    upstream.firstByteTimeout().toNanos(), TimeUnit.NANOSECONDS);
        }
        acquireConnection();
    }

    private void acquireConnection() {
        acquiring = upstream.pool().acquire(client.channel().eventLoop());
        if (acquiring.isDone()) {
            onAcquired(acquiring);
        } else {
            acquiring.addListener(this::onAcquired);
        }
    }

    private void onAcquired(Future<? super Channel> future) {
        if (finished) {
            if (future.isSuccess()) {
                upstream.pool().release((Channel) future.getNow(), true);
            }
            return;
        }
        if (!future.isSuccess()) {
            fail(HttpResponseStatus.BAD_GATEWAY, "upstream_unavailable",
                    "cannot connect to " + upstream.target().name() + " at " + upstream.target() + ": "
                            + describe(future.cause()));
            return;
        }
        connection = (Channel) future.getNow();
        connectionHandler = connection.pipeline().get(UpstreamHandler.class);
        reusedConnection = connectionHandler.bind(this);
        FullHttpRequest outbound = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, request.method(),
                upstream.target().forward(request.uri()), request.content().retainedDuplicate(), request.headers(),
                request.trailingHeaders());
        Channel sentOn = connection;
        sentNanos = System.nanoTime();
        connection.writeAndFlush(outbound).addListener((ChannelFutureListener) written -> {
            if (!written.isSuccess() && sentOn == connection) {
                onUpstreamClosed(written.cause());
            } else if (sentOn == connection && !responseStarted) {
                // Written through: past a new connection's TLS handshake, which holds writes until it is done.
                sentNanos = System.nanoTime();
            }
        });
    }

    @Override
    public void onUpstreamMessage(HttpObject message) {
        if (finished) {
            ReferenceCountUtil.release(message);
            return;
        }
        // One clock reading per relayed message times the head, each body piece and the end alike.
        long now = System.nanoTime();
        if (message instanceof HttpResponse response) {
            if (response.decoderResult().isFailure()) {
                ReferenceCountUtil.release(message);
                fail(HttpResponseStatus.BAD_GATEWAY, "upstream_bad_response", upstream.target().name()
                        + " sent an invalid HTTP response: " + describe(response.decoderResult().cause()));
                return;
            }
            if (response.status().codeClass() == io.netty.handler.codec.http.HttpStatusClass.INFORMATIONAL) {
                ReferenceCountUtil.release(message); // 100 Continue, 103 Early Hints: not for the client here
                return;
            }
            status = response.status().code();
            upstreamKeepAlive = HttpUtil.isKeepAlive(response);
            upstream.recorder().firstByte(now - startNanos, route);
            observer.onHead(response, now - sentNanos);
            prepareResponseHeaders(response);
            responseStarted = true;
        }
        armIdleTimer();
        if (message instanceof HttpContent content) {
            observer.onContent(content.content(), now - sentNanos);
        }
        boolean last = message instanceof LastHttpContent;
        if (last) {
            // Recorded before the last byte goes out, so whoever saw the answer also sees it counted.
            upstream.recorder().answered(status, now - startNanos, route);
            upstream.health().answered();
            // Without waiting for a connection: when a canary stage raises the candidate's share, its
            // pool opens connections (on a remote model, TCP and TLS handshakes) while stable's are
            // open already, and those first answers would otherwise read as a slower model.
            observer.onComplete(now - sentNanos);
            observed = true;
        }
        client.write(message, client.voidPromise());
        if (finished) {
            // The client's connection ended inside that write (a failed write closes it, and its
            // inactive event can come at once): abandon() has already freed what the exchange held.
            return;
        }
        if (last) {
            complete();
        } else if (!client.channel().isWritable()) {
            connection.config().setAutoRead(false); // resumes in clientWritable()
            cancelPhaseTimer(); // the upstream is not being read: its silence now is not its own
        }
    }

    /** (Re)starts the idle deadline once the head is in, when it is sooner than the total one. */
    private void armIdleTimer() {
        cancelPhaseTimer();
        if (responseStarted && upstream.idleTimeout().compareTo(upstream.timeout()) < 0) {
            phaseTimer = client.executor().schedule(() -> onTimeout(IDLE_TIMEOUT),
                    upstream.idleTimeout().toNanos(), TimeUnit.NANOSECONDS);
        }
    }

    private void cancelPhaseTimer() {
        if (phaseTimer != null) {
            phaseTimer.cancel(false);
            phaseTimer = null;
        }
    }

    private void prepareResponseHeaders(HttpResponse response) {
        HopByHop.strip(response.headers());
        response.headers().set(ErrorResponses.REQUEST_ID, requestId);
        if (closeClientAfter) {
            HttpUtil.setKeepAlive(response, false);
        } else if (http10KeepAlive) {
            response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE);
        }
    }

    @Override
    public void onUpstreamReadComplete() {
        client.flush();
    }

    @Override
    public void onUpstreamClosed(Throwable cause) {
        if (finished) {
            return;
        }
        if (!responseStarted && reusedConnection && !retried) {
            log.debug("[{}] reused connection to {} failed before a response ({}); retrying once on a new one",
                    requestId, upstream.target(), describe(cause));
            retried = true;
            dropConnection();
            acquireConnection();
            return;
        }
        fail(HttpResponseStatus.BAD_GATEWAY, "upstream_reset", upstream.target().name()
                + " closed the connection before a complete response"
                + (cause == null ? "" : ": " + describe(cause)));
    }

    private void onTimeout(String cause) {
        if (finished) {
            return;
        }
        String name = upstream.target().name();
        upstream.recorder().timedOut(cause);
        if (!responseStarted) {
            long millis = upstream.firstByteTimeout().toMillis();
            fail(HttpResponseStatus.GATEWAY_TIMEOUT, "upstream_timeout", connection == null
                    ? "no connection to " + name + " could be opened or freed within " + millis + " ms"
                    : name + " did not answer within " + millis + " ms (" + cause + ")");
            return;
        }
        cut(cause, IDLE_TIMEOUT.equals(cause)
                ? name + " sent no body bytes for " + upstream.idleTimeout().toMillis() + " ms"
                : name + " did not finish the response within " + upstream.timeout().toMillis() + " ms");
    }

    void clientWritable(boolean writable) {
        if (connection != null && !finished) {
            connection.config().setAutoRead(writable);
            if (!responseStarted) {
                return; // the first-byte deadline runs on: the head is the upstream's to send
            }
            if (writable) {
                armIdleTimer();
            } else {
                cancelPhaseTimer();
            }
        }
    }

    /** The client connection closed: give up and free what the exchange holds. */
    void abandon() {
        if (end()) {
            if (!observed) {
                observer.onFailed(PrimaryObserver.CLIENT_GONE);
            }
            logAccess(AccessLog.CLIENT_CLOSED);
            request.release();
        }
    }

    private void complete() {
        finished = true;
        timeout.cancel(false);
        cancelPhaseTimer();
        client.flush();
        connectionHandler.unbind();
        connection.config().setAutoRead(true);
        upstream.pool().release(connection, upstreamKeepAlive);
        logAccess(status);
        request.release();
        onDone.run();
    }

    /**
     * Ends an exchange whose response head the client already has: the status cannot change, so
     * the client's connection is closed after what was relayed, and the cut is logged with the
     * status the client got.
     */
    private void cut(String cause, String message) {
        if (!end()) {
            return;
        }
        upstream.recorder().failed();
        upstream.health().failed(message);
        observer.onFailed(cause); // a half answer is never compared
        log.warn("[{}] {} response cut after the head ({}) from {}: {}; closing the client connection",
                requestId, status, cause, upstream.target().name(), message);
        logAccess(status);
        client.flush();
        client.close();
        request.release();
        onDone.run();
    }

    private void fail(HttpResponseStatus errorStatus, String error, String message) {
        if (!end()) {
            return;
        }
        upstream.recorder().failed();
        upstream.health().failed(message);
        observer.onFailed(error);
        // One line per failed request: an operator reading the log should see what the client got and why.
        log.warn("[{}] {} {} from {}: {}", requestId, errorStatus.code(), error, upstream.target().name(), message);
        logAccess(responseStarted ? status : errorStatus.code());
        if (responseStarted) {
            client.flush();
            client.close(); // the status line is out; only a cut connection tells the client
        } else {
            FullHttpResponse response = ErrorResponses.json(client.alloc(), errorStatus, error, message, requestId);
            if (closeClientAfter) {
                HttpUtil.setKeepAlive(response, false);
            }
            client.writeAndFlush(response, client.voidPromise());
        }
        request.release();
        onDone.run();
    }

    private void logAccess(int sentStatus) {
        accessLog.log(request.method().name(), request.uri(), sentStatus, upstream.target().name(),
                System.nanoTime() - startNanos, requestId);
    }

    /**
     * Marks the exchange over and lets go of its timer, a pending connection request and the
     * connection in use; false when it was already over.
     */
    private boolean end() {
        if (finished) {
            return false;
        }
        finished = true;
        timeout.cancel(false);
        cancelPhaseTimer();
        if (acquiring != null) {
            acquiring.cancel(false);
        }
        dropConnection();
        return true;
    }

    /** Closes the connection in use, if any: a connection left mid-exchange cannot be reused. */
    private void dropConnection() {
        if (connection != null) {
            connectionHandler.unbind();
            connection.close();
            connection = null;
            connectionHandler = null;
        }
    }

    private static String describe(Throwable cause) {
        if (cause == null) {
            return "unknown cause";
        }
        String message = cause.getMessage();
        return message == null || message.isBlank() ? cause.getClass().getSimpleName() : message;
    }
}
