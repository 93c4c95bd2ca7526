package io.shadowgate.sample;

import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpServerKeepAliveHandler;

/**
 * Builds each accepted connection's pipeline: HTTP/1.1 codec, keep-alive bookkeeping, a 10 MiB
 * aggregator (larger bodies get Netty's 413) and the shared {@link SampleModelHandler}. The codec,
 * keep-alive handler and aggregator hold per-connection state, so they are new per channel.
 */
final class SampleModelInitializer extends ChannelInitializer<Channel> {
    /** Largest request body accepted: ML payloads are big, but this is a demo model. */
    static final int MAX_BODY_BYTES = 10 * 1024 * 1024;

    private final SampleModelHandler handler;

    SampleModelInitializer(SampleModelHandler handler) {
        this.handler = handler;
    }

    @Override
    protected void initChannel(Channel ch) {
        ch.pipeline().addLast(
                new HttpServerCodec(),
                new HttpServerKeepAliveHandler(),
                new HttpObjectAggregator(MAX_BODY_BYTES),
                handler);
    }
}
