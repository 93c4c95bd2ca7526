package io.shadowgate.proxy;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.EventLoop;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.Promise;
import java.util.ArrayDeque;

/**
 * One event loop's share of an {@link UpstreamPool}: at most {@code permits} connections, its idle
 * connections, and the exchanges waiting for one. Everything but {@link #open()} and
 * {@link #closeIdle()} runs on that loop, so the queues and counters need no locking.
 */
final class LoopPool {
    private final UpstreamPool parent;
    private final EventLoop loop;
    private final Bootstrap bootstrap;
    private final String host;
    private final int port;
    private final int permits;
    private final ArrayDeque<Channel> idle = new ArrayDeque<>();
    private final ArrayDeque<Promise<Channel>> waiters = new ArrayDeque<>();
    /** Written only on the loop; volatile so the metrics gauge can read it from another thread. */
    private volatile int open;

    LoopPool(UpstreamPool parent, EventLoop loop, Bootstrap bootstrap, String host, int port, int permits) {
        this.parent = parent;
        this.loop = loop;
        this.bootstrap = bootstrap;
        this.host = host;
        this.port = port;
        this.permits = permits;
    }

    int open() {
        return open;
    }

    Future<Channel> acquire() {
        Channel channel;
        // Most recently used first: it is the least likely to have been closed by the upstream.
        while ((channel = idle.pollLast()) != null) {
            if (channel.isActive()) {
                return loop.newSucceededFuture(channel);
            }
        }
        Promise<Channel> promise = loop.newPromise();
        if (parent.isClosed()) {
            promise.setFailure(new IllegalStateException("the gateway is shutting down"));
        } else if (open < permits) {
            connect(promise);
        } else {
            waiters.add(promise);
        }
        return promise;
    }

    void release(Channel channel, boolean reusable) {
        if (!reusable || !channel.isActive()) {
            channel.close(); // the close listener frees the permit and serves a waiter
            return;
        }
        Promise<Channel> waiter = nextWaiter();
        if (waiter != null) {
            waiter.setSuccess(channel);
        } else {
            idle.addLast(channel);
        }
    }

    /** May be called from any thread. */
    void closeIdle() {
        loop.execute(() -> {
            Channel channel;
            while ((channel = idle.poll()) != null) {
                channel.close();
            }
            Promise<Channel> waiter;
            while ((waiter = nextWaiter()) != null) {
                waiter.tryFailure(new IllegalStateException("the gateway is shutting down"));
            }
        });
    }

    private void connect(Promise<Channel> promise) {
        open++;
        ChannelFuture connecting = bootstrap.connect(host, port);
        Channel channel = connecting.channel();
        // Netty closes a channel whose connect fails, so this frees each permit exactly once.
        channel.closeFuture().addListener(closed -> onClosed(channel));
        connecting.addListener(done -> {
            if (!done.isSuccess()) {
                promise.tryFailure(done.cause());
            } else if (!promise.trySuccess(channel)) {
                release(channel, true); // the requester gave up meanwhile; keep the connection
            }
        });
    }

    private void onClosed(Channel channel) {
        open--;
        idle.remove(channel);
        Promise<Channel> waiter;
        while (open < permits && !parent.isClosed() && (waiter = nextWaiter()) != null) {
            connect(waiter);
        }
    }

    /** The oldest waiter that has not given up, or null. */
    private Promise<Channel> nextWaiter() {
        Promise<Channel> waiter;
        while ((waiter = waiters.poll()) != null) {
            if (!waiter.isDone()) {
                return waiter;
            }
        }
        return null;
    }
}
