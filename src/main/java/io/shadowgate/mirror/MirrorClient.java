package io.shadowgate.mirror;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.EventLoopGroup;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.ssl.SslContext;
import io.shadowgate.mirror.LegResult.Ending;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.asynchttpclient.AsyncHttpClient;
import org.asynchttpclient.DefaultAsyncHttpClient;
import org.asynchttpclient.DefaultAsyncHttpClientConfig;
import org.asynchttpclient.RequestBuilder;

/**
 * The shadow's HTTP client: async-http-client on its own event loop, configured for mirroring
 * rather than for an application's calls: no retries (a retry doubles the load on a candidate that
 * is already failing), no redirects, no cookie store (one client's cookies must never reach
 * another's request), no user agent of its own, no decompression of its own (the client's
 * {@code Accept-Encoding} goes to the candidate unchanged, its answer is kept as sent), and a
 * bounded connection count.
 *
 * <p>{@link #send} may be called from any thread: it only queues the work on the mirror's loop,
 * where the request is built and dispatched, so name resolution and request building never run on
 * a proxy loop.
 */
final class MirrorClient implements AutoCloseable {
    private final EventLoopGroup loop;
    private final AsyncHttpClient client;
    private final long maxBodyBytes;
    /** Requests the client has not reported yet; closing ends them, as the client itself may not. */
    private final Set<CappedBodyHandler> inFlight = ConcurrentHashMap.newKeySet();

    MirrorClient(EventLoopGroup loop, int maxConnectionsPerHost, Duration connectTimeout, long maxBodyBytes,
                 SslContext ssl) {
        this.loop = loop;
        this.maxBodyBytes = maxBodyBytes;
        DefaultAsyncHttpClientConfig.Builder config = new DefaultAsyncHttpClientConfig.Builder()
                .setEventLoopGroup(loop)
                .setMaxRequestRetry(0)
                .setFollowRedirect(false)
                .setCookieStore(null)
                // Keep the answer as the candidate sent it: the client's own decompression would
                // rewrite the client's Accept-Encoding (dropping codings it cannot decode), inflate
                // on the mirror's loop up to 256 MiB, and leave the candidate's plain bytes facing
                // the primary's compressed ones. The comparison thread decodes both sides alike.
                .setEnableAutomaticDecompression(false)
                .setUserAgent(null)
                .setKeepAlive(true)
                .setHttp2Enabled(false)
                .setMaxConnectionsPerHost(maxConnectionsPerHost)
                .setConnectTimeout(connectTimeout)
                .setReadTimeout(Duration.ofMillis(-1)) // per request: the target's timeout, and its read timeout when shorter
                .setShutdownQuietPeriod(Duration.ZERO)
                .setShutdownTimeout(Duration.ofSeconds(2));
        if (ssl != null) {
            config.setSslContext(ssl);
        }
        client = new DefaultAsyncHttpClient(config.build());
    }

    /**
     * Sends one copy. Takes ownership of its body (released when the exchange ends); calls its
     * {@code done} exactly once (on the mirror's loop, its timer thread, or the thread closing the mirror).
     */
    void send(Copy copy, String method, String uri) {
        try {
            loop.execute(() -> dispatch(copy, method, uri, System.nanoTime()));
        } catch (RuntimeException rejected) { // the loop is shutting down
            copy.refuse();
        }
    }

    /**
     * Sends copies of one request whose latencies will be compared with each other: all are timed
     * from one start on this loop's clock and dispatched in a random order, so that none always
     * pays for being built and written later (on a starved machine the loop can lose the CPU
     * between two sends). Ownership and callbacks as in {@link #send}; takes the list.
     */
    void sendTogether(List<Copy> copies, String method, String uri) {
        try {
            loop.execute(() -> {
                long start = System.nanoTime();
                Collections.shuffle(copies, ThreadLocalRandom.current());
                for (Copy copy : copies) {
                    dispatch(copy, method, uri, start);
                }
            });
        } catch (RuntimeException rejected) { // the loop is shutting down
            copies.forEach(Copy::refuse);
        }
    }

    /**
     * One copy to send: where, the client's headers (forwarding headers included; a copy of its
     * own, since the task reads them later on the mirror's loop), the body (owned, released when
     * the exchange ends) and who hears how it ended.
     */
    record Copy(ShadowTarget target, HttpHeaders headers, ByteBuf body, Consumer<LegResult> done) {
        void refuse() {
            body.release();
            done.accept(LegResult.failed(Ending.ERROR, "mirror is shutting down"));
        }
    }

    private void dispatch(Copy copy, String method, String uri, long startNanos) {
        ByteBuf body = copy.body();
        // The handler reports once, whether the client calls it back or anything here throws
        // (a target URL the client cannot parse, a header it refuses): no copy is ever stranded.
        CappedBodyHandler handler = new CappedBodyHandler(maxBodyBytes, startNanos, inFlight::remove, result -> {
            body.release();
            copy.done().accept(result);
        });
        inFlight.add(handler);
        try {
            client.executeRequest(request(copy, method, uri).build(), handler);
        } catch (RuntimeException e) {
            handler.onThrowable(e);
        }
    }

    private static RequestBuilder request(Copy copy, String method, String uri) {
        ShadowTarget target = copy.target();
        HttpHeaders headers = copy.headers();
        ByteBuf body = copy.body();
        headers.remove(HttpHeaderNames.HOST); // the client sets the target's
        headers.remove(HttpHeaderNames.CONTENT_LENGTH); // and the body's
        for (Map.Entry<String, String> header : target.headers().entrySet()) {
            headers.set(header.getKey(), header.getValue());
        }
        headers.set(ShadowMirror.SHADOW_HEADER, "1");
        RequestBuilder request = new RequestBuilder(method, true)
                .setUrl(target.url(uri))
                .setHeaders(headers)
                .setRequestTimeout(target.timeout());
        if (target.readTimeout().compareTo(target.timeout()) < 0) {
            request.setReadTimeout(target.readTimeout()); // not needed when the whole-request timeout comes first
        }
        if (body.isReadable()) {
            // A view of the same memory, not a ByteBuf: async-http-client retains a ByteBuf body
            // when it builds the request and, when it drops a request it could not send (say, a
            // connection it could not open), never releases it. The view needs no reference of
            // its own; ours keeps the memory alive until the exchange has ended.
            request.setBody(body.nioBufferCount() == 1 ? body.nioBuffer() : ByteBuffer.wrap(ByteBufUtil.getBytes(body)));
        }
        return request;
    }

    /** The client itself, for the mirror's other calls (the embeddings of a scored route). */
    AsyncHttpClient http() {
        return client;
    }

    @Override
    public void close() {
        try {
            client.close();
        } catch (IOException e) {
            // closing an in-process client; nothing to report beyond the loop shutting down below
        }
        loop.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
        // A request whose connection was still open is not always told by the closing client.
        for (CappedBodyHandler handler : List.copyOf(inFlight)) {
            handler.onThrowable(new IOException("the mirror closed before the answer"));
        }
    }
}
