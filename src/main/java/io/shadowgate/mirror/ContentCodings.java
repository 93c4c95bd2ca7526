package io.shadowgate.mirror;

import io.netty.channel.ChannelHandler;
import io.netty.handler.codec.compression.Brotli;
import io.netty.handler.codec.compression.BrotliDecoder;
import io.netty.handler.codec.compression.ZlibCodecFactory;
import io.netty.handler.codec.compression.ZlibWrapper;
import io.netty.handler.codec.compression.Zstd;
import io.netty.handler.codec.compression.ZstdDecoder;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The content codings the gateway can undo, and Netty's decoder for each. A header such as
 * {@code Content-Encoding: gzip, br} lists the codings in the order the server applied them, so
 * they are undone last first. Stateless.
 */
final class ContentCodings {
    /**
     * The largest buffer a decoder hands on at once. It is also the granularity at which a
     * decoding past the size limit is stopped, and it keeps zstd from allocating the whole size a
     * frame declares up front.
     */
    static final int CHUNK_BYTES = 64 * 1024;

    private ContentCodings() {}

    /**
     * The codings to undo, in the order to undo them; {@code identity} and empty entries are left
     * out, names are lowercased. An absent header is no coding.
     */
    static List<String> toUndo(String contentEncoding) {
        if (contentEncoding == null) {
            return List.of();
        }
        List<String> codings = new ArrayList<>();
        for (String coding : contentEncoding.split(",")) {
            String name = coding.trim().toLowerCase(Locale.ROOT);
            if (!name.isEmpty() && !name.equals("identity")) {
                codings.add(name);
            }
        }
        Collections.reverse(codings);
        return codings;
    }

    /** A new decoder for {@code coding}, or empty when the gateway cannot decode it here. */
    static Optional<ChannelHandler> decoder(String coding) {
        return switch (coding) {
            case "gzip", "x-gzip" -> Optional.of(ZlibCodecFactory.newZlibDecoder(ZlibWrapper.GZIP, 0));
            // RFC 9110 deflate is zlib-wrapped, but some servers send raw deflate: accept both, as Netty's
            // HttpContentDecompressor does.
            case "deflate", "x-deflate" -> Optional.of(ZlibCodecFactory.newZlibDecoder(ZlibWrapper.ZLIB_OR_NONE, 0));
            case "br" -> Brotli.isAvailable()
                    ? Optional.of(BrotliDecoder.newDecoderWithMaxAllocation(CHUNK_BYTES)) : Optional.empty();
            case "zstd" -> Zstd.isAvailable() ? Optional.of(new ZstdDecoder(CHUNK_BYTES)) : Optional.empty();
            default -> Optional.empty();
        };
    }
}
