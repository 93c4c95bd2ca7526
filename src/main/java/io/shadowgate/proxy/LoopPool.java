package io.shadowgate.proxy;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.EventLoop;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.Promise;
import java.util.ArrayDeque;

/**
 * The part of an {@link UpstreamPool} that belongs to one event loop: its idle connections and the
 * exchanges waiting for a connection. Every method except {@link #hasWaiters()} and
 * {@link #wakeUp()} runs on that loop, so the queues need no locking.
 */
final class LoopPool {
    private final UpstreamPool parent;
    private final EventLoop loop;
    private final Bootstrap bootstrap;
    private final String host;
    private final int port;
    private final ArrayDeque<Channel> idle = new ArrayDeque<>();
    private final ArrayDeque<Promise<Channel>> waiters = new ArrayDeque<>();
    /** Waiters queued here; read by other loops to decide where a freed permit should go. */
    private volatile int waiting;

    LoopPool(UpstreamPool parent, EventLoop loop, Bootstrap bootstrap, String host, int port) {
        this.parent = parent;
        this.loop = loop;
        this.bootstrap = bootstrap;
        this.host = host;
        this.port = port;
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
        } else if (parent.tryReserve()) {
            connect(promise);
        } else {
            waiters.add(promise);
            waiting = waiters.size();
        }
        return promise;
    }

    void release(Channel channel, boolean reusable) {
        if (!reusable || !channel.isActive()) {
            channel.close();
            return;
        }
        Promise<Channel> waiter = nextWaiter();
        if (waiter != null) {
            waiter.setSuccess(channel);
        } else if (parent.othersWaiting(this)) {
            channel.close(); // frees the permit for a loop that needs it
        } else {
            idle.addLast(channel);
        }
    }

    boolean hasWaiters() {
        return waiting > 0;
    }

    /** Called from any thread when a permit may have been freed. */
    void wakeUp() {
        loop.execute(this::serveWaiters);
    }

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

    private void serveWaiters() {
        while (hasLiveWaiter() && parent.tryReserve()) {
            connect(nextWaiter());
        }
    }

    private void connect(Promise<Channel> promise) {
        ChannelFuture connecting = bootstrap.connect(host, port);
        Channel channel = connecting.channel();
        // Netty closes a channel whose connect fails, so this frees each permit exactly once.
        channel.closeFuture().addListener(closed -> {
            idle.remove(channel);
            parent.free();
        });
        connecting.addListener(done -> {
            if (!done.isSuccess()) {
                promise.tryFailure(done.cause());
            } else if (!promise.trySuccess(channel)) {
                release(channel, true); // the requester gave up meanwhile; keep the connection
            }
        });
    }

    private boolean hasLiveWaiter() {
        while (!waiters.isEmpty() && waiters.peek().isDone()) {
            waiters.poll();
        }
        waiting = waiters.size();
        return !waiters.isEmpty();
    }

    private Promise<Channel> nextWaiter() {
        Promise<Channel> waiter = hasLiveWaiter() ? waiters.poll() : null;
        waiting = waiters.size();
        return waiter;
    }
}
