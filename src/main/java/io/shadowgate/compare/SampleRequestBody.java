package io.shadowgate.compare;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * The client's request body as a stored mismatch sample keeps it, never larger than a bound
 * however large the request: JSON with {@code compare.redact} applied (as JSON when it fits, else
 * its redacted text cut to the bound), other text cut to the bound, and a binary body as its
 * length, SHA-256 digest and the hex of its first bytes. Redaction always comes before cutting,
 * so a cut never reveals a redacted value.
 */
final class SampleRequestBody {
    private static final HexFormat SPACED = HexFormat.ofDelimiter(" ");

    private SampleRequestBody() {}

    static JsonNode of(byte[] body, Redactor redactor, int maxBytes) {
        var json = Json.parse(body);
        if (json.isPresent()) {
            JsonNode redacted = redactor.redact(json.get());
            byte[] text = Json.write(redacted);
            return text.length <= maxBytes ? redacted : cut(text, maxBytes);
        }
        if (BodyText.isText(body)) {
            return body.length <= maxBytes ? TextNode.valueOf(new String(body, StandardCharsets.UTF_8)) : cut(body, maxBytes);
        }
        ObjectNode binary = JsonNodeFactory.instance.objectNode();
        binary.put("binary", true);
        binary.put("length", body.length);
        binary.put("sha256", BytesDiff.sha256(body));
        binary.put("hex", SPACED.formatHex(body, 0, Math.min(body.length, Math.min(maxBytes, BytesDiff.PREVIEW_BYTES))));
        return binary;
    }

    /** The first {@code maxBytes} of UTF-8 text, a character cut in two dropped, and how long it was. */
    private static JsonNode cut(byte[] text, int maxBytes) {
        int end = maxBytes;
        while (end > 0 && (text[end] & 0xC0) == 0x80) { // text[end] continues a character: back to its start
            end--;
        }
        return TextNode.valueOf(new String(Arrays.copyOf(text, end), StandardCharsets.UTF_8)
                + "... (" + text.length + " bytes)");
    }
}
