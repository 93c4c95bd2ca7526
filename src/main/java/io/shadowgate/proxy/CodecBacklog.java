package io.shadowgate.proxy;

import io.netty.channel.ChannelInboundHandler;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.CombinedChannelDuplexHandler;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.handler.codec.http.HttpServerCodec;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;

/**
 * How many bytes a client pipeline's {@link HttpServerCodec} has received but not decoded yet,
 * such as the start of a pipelined request whose head is not complete. No message tells: the
 * decoder emits nothing for a partial head. {@code HttpServerCodec} is final and keeps its decoder
 * and the decoder's count ({@code ByteToMessageDecoder.actualReadableBytes()}) protected, so they
 * are read through method handles. A Netty that renamed either fails this class at load, which
 * every test of the proxy pipeline shows at once. Stateless; any thread.
 */
final class CodecBacklog {
    private static final MethodHandle DECODER;
    private static final MethodHandle UNDECODED;

    static {
        try {
            MethodHandles.Lookup self = MethodHandles.lookup();
            DECODER = MethodHandles.privateLookupIn(CombinedChannelDuplexHandler.class, self).findVirtual(
                    CombinedChannelDuplexHandler.class, "inboundHandler", MethodType.methodType(ChannelInboundHandler.class));
            UNDECODED = MethodHandles.privateLookupIn(ByteToMessageDecoder.class, self).findVirtual(
                    ByteToMessageDecoder.class, "actualReadableBytes", MethodType.methodType(int.class));
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private CodecBacklog() {}

    /** Bytes the pipeline's HTTP codec holds undecoded; 0 when there is no such codec. */
    static int undecodedBytes(ChannelPipeline pipeline) {
        HttpServerCodec codec = pipeline.get(HttpServerCodec.class);
        if (codec == null) {
            return 0;
        }
        try {
            return (int) UNDECODED.invoke((ByteToMessageDecoder) DECODER.invoke(codec));
        } catch (Throwable e) {
            throw new IllegalStateException("cannot read the HTTP codec's undecoded bytes", e);
        }
    }
}
