package io.shadowgate.proxy;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.HttpObject;
import io.netty.util.ReferenceCountUtil;

/**
 * The last handler of an upstream connection: hands what arrives to the exchange that currently
 * holds the connection. One instance per upstream channel (not sharable); its state is the bound
 * listener and how many exchanges the connection has served.
 */
final class UpstreamHandler extends ChannelInboundHandlerAdapter {
    private UpstreamListener listener;
    private int exchanges;

    /** Binds the next exchange; returns true when the connection served an exchange before. */
    boolean bind(UpstreamListener next) {
        listener = next;
        return exchanges++ > 0;
    }

    void unbind() {
        listener = null;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        UpstreamListener current = listener;
        if (current == null || !(msg instanceof HttpObject)) {
            // Bytes nobody asked for: the connection's framing can no longer be trusted.
            ReferenceCountUtil.release(msg);
            ctx.close();
            return;
        }
        current.onUpstreamMessage((HttpObject) msg);
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        UpstreamListener current = listener;
        if (current != null) {
            current.onUpstreamReadComplete();
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        UpstreamListener current = listener;
        listener = null;
        if (current != null) {
            current.onUpstreamClosed(null);
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        UpstreamListener current = listener;
        listener = null;
        ctx.close();
        if (current != null) {
            current.onUpstreamClosed(cause);
        }
    }
}
