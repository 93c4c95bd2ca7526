package io.shadowgate.proxy;

import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpDecoderConfig;
import io.netty.handler.ssl.SslContext;

/**
 * Pipeline of an upstream connection: TLS when the upstream is https (with SNI and host name
 * verification against the URL's host), the HTTP client codec, then the relay handler.
 * Sharable: it holds only immutable settings.
 */
final class UpstreamChannelInitializer extends ChannelInitializer<Channel> {
    /** Response headers from a model server are small; 64 KiB tolerates verbose proxies in between. */
    private static final int MAX_RESPONSE_HEADER_BYTES = 64 * 1024;
    /** Larger chunks mean fewer relay writes for big batch responses. */
    private static final int MAX_CHUNK_BYTES = 64 * 1024;

    private final UpstreamTarget target;
    private final SslContext ssl;

    UpstreamChannelInitializer(UpstreamTarget target, SslContext ssl) {
        this.target = target;
        this.ssl = ssl;
    }

    @Override
    protected void initChannel(Channel ch) {
        ChannelPipeline p = ch.pipeline();
        if (ssl != null) {
            p.addLast("tls", ssl.newHandler(ch.alloc(), target.host(), target.port()));
        }
        HttpDecoderConfig decoder = new HttpDecoderConfig()
                .setMaxHeaderSize(MAX_RESPONSE_HEADER_BYTES)
                .setMaxChunkSize(MAX_CHUNK_BYTES);
        p.addLast("http", new HttpClientCodec(decoder, false, false));
        p.addLast("relay", new UpstreamHandler());
    }
}
