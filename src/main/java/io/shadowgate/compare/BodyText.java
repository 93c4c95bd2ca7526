package io.shadowgate.compare;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Tells text from binary by looking at a body's start: text is UTF-8 without control characters
 * other than tab, line feed, form feed and carriage return. Content types lie too often
 * ({@code application/octet-stream} for JSON, {@code text/plain} for pickles) to be asked instead.
 */
final class BodyText {
    /** Bytes looked at; a multi-byte character cut at the end is fine. */
    static final int SNIFF_BYTES = 1024;

    private BodyText() {}

    static boolean isText(byte[] body) {
        int length = Math.min(body.length, SNIFF_BYTES);
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        CharBuffer chars = CharBuffer.allocate(length);
        CoderResult result = decoder.decode(ByteBuffer.wrap(body, 0, length), chars, body.length <= SNIFF_BYTES);
        if (result.isError()) {
            return false;
        }
        chars.flip();
        while (chars.hasRemaining()) {
            char c = chars.get();
            if (c < 0x20 && c != '\t' && c != '\n' && c != '\f' && c != '\r' || c == 0x7f) {
                return false;
            }
        }
        return true;
    }
}
