package io.shadowgate.proxy;

import io.netty.channel.Channel;
import io.netty.channel.EventLoop;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpStatusClass;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.ScheduledFuture;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Keeps {@link UpstreamHealth} fresh when live traffic is thin: every {@code interval} in which
 * no exchange got an answer, it sends {@code GET <base path>/} through the pool. Any HTTP answer,
 * even 404 or 401, proves the upstream is up and speaking HTTP; only a refused, reset or silent
 * connection counts against it. Runs on one event loop of the shared group.
 */
public final class UpstreamProber implements AutoCloseable {
    private final Upstream upstream;
    private final EventLoop loop;
    private final Duration interval;
    private ScheduledFuture<?> schedule;
    private Probe current; // on the loop only

    public UpstreamProber(Upstream upstream, EventLoop loop, Duration interval) {
        this.upstream = upstream;
        this.loop = loop;
        this.interval = interval;
    }

    /** Probes once now, then every interval. */
    public void start() {
        schedule = loop.scheduleWithFixedDelay(this::probeIfQuiet, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void probeIfQuiet() {
        if (!upstream.health().answeredWithin(interval)) {
            current = new Probe();
            current.start();
        }
    }

    /**
     * Stops probing and cuts a probe in flight: its connection may still be in a TLS handshake
     * holding the encoded request, which only a close of that connection releases.
     */
    @Override
    public void close() {
        if (schedule != null) {
            schedule.cancel(false);
        }
        try {
            loop.submit(() -> {
                if (current != null) {
                    current.fail("the gateway is shutting down");
                }
            }).syncUninterruptibly();
        } catch (java.util.concurrent.RejectedExecutionException alreadyStopped) {
            // the loop is gone, and its channels with it
        }
    }

    /** One probe request; lives on {@link #loop}. */
    private final class Probe implements UpstreamListener {
        private Channel connection;
        private UpstreamHandler handler;
        private ScheduledFuture<?> timeout;
        private boolean keepAlive;
        private boolean done;

        void start() {
            timeout = loop.schedule(() -> fail("no answer within " + interval.toMillis() + " ms"),
                    interval.toMillis(), TimeUnit.MILLISECONDS);
            Future<Channel> acquiring = upstream.pool().acquire(loop);
            acquiring.addListener(f -> {
                if (done) {
                    if (f.isSuccess()) {
                        upstream.pool().release((Channel) f.getNow(), true);
                    }
                } else if (!f.isSuccess()) {
                    fail("cannot connect to " + upstream.target() + ": " + f.cause().getMessage());
                } else {
                    send((Channel) f.getNow());
                }
            });
        }

        private void send(Channel channel) {
            connection = channel;
            handler = channel.pipeline().get(UpstreamHandler.class);
            handler.bind(this);
            FullHttpRequest request = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET,
                    upstream.target().forward("/"));
            request.headers().set(HttpHeaderNames.HOST, upstream.target().authority());
            request.headers().set(HttpHeaderNames.USER_AGENT, "shadowgate-probe");
            request.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, 0);
            for (Map.Entry<String, String> header : upstream.headers().entrySet()) {
                request.headers().set(header.getKey(), header.getValue());
            }
            channel.writeAndFlush(request).addListener(w -> {
                if (!w.isSuccess()) {
                    onUpstreamClosed(w.cause());
                }
            });
        }

        @Override
        public void onUpstreamMessage(HttpObject message) {
            try {
                if (message instanceof HttpResponse response && response.decoderResult().isSuccess()
                        && response.status().codeClass() != HttpStatusClass.INFORMATIONAL) {
                    upstream.health().answered();
                    keepAlive = HttpUtil.isKeepAlive(response);
                }
                if (message instanceof LastHttpContent && !done) {
                    done = true;
                    timeout.cancel(false);
                    handler.unbind();
                    upstream.pool().release(connection, keepAlive);
                }
            } finally {
                ReferenceCountUtil.release(message);
            }
        }

        @Override
        public void onUpstreamReadComplete() {
        }

        @Override
        public void onUpstreamClosed(Throwable cause) {
            fail(cause == null ? "connection closed before an answer" : String.valueOf(cause.getMessage()));
        }

        private void fail(String reason) {
            if (done) {
                return;
            }
            done = true;
            timeout.cancel(false);
            upstream.health().failed(reason);
            if (connection != null) {
                handler.unbind();
                connection.close();
            }
        }
    }
}
