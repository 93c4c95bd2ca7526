package io.shadowgate.compare;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.nio.charset.StandardCharsets;

/**
 * How a difference shows a body or a text it cannot carry whole: enough to recognise it, never a
 * whole page (differences are kept as samples and served by the admin API).
 */
final class BodyPreview {
    /** Bytes of a body, or characters (code points) of a text, shown. */
    static final int PREVIEW = 256;

    private BodyPreview() {}

    /**
     * The start of a body as text; a multi-byte character cut at the end shows as U+FFFD. A binary
     * body shows as its length only: as text it would be noise, and the comparison's
     * {@link BytesDiff} says where it differs.
     */
    static JsonNode text(byte[] body) {
        if (!BodyText.isText(body)) {
            return TextNode.valueOf("<binary, " + body.length + " bytes>");
        }
        if (body.length <= PREVIEW) {
            return TextNode.valueOf(new String(body, StandardCharsets.UTF_8));
        }
        return TextNode.valueOf(new String(body, 0, PREVIEW, StandardCharsets.UTF_8)
                + "... (" + body.length + " bytes)");
    }

    /** A body by its length and digest only, for answers known to be binary. */
    static JsonNode digest(byte[] body) {
        return TextNode.valueOf("<" + body.length + " bytes, sha256 " + BytesDiff.sha256(body) + ">");
    }

    /** The first {@value #PREVIEW} code points of a text, with its length when cut. */
    static String text(String text) {
        String cut = TextTokens.cut(text, PREVIEW);
        return cut.length() == text.length() ? text
                : cut + "... (" + text.codePointCount(0, text.length()) + " chars)";
    }
}
