package io.shadowgate.compare;

import static java.util.Objects.requireNonNull;

import java.util.Arrays;
import java.util.Locale;

/**
 * One side's answer as the comparison sees it: the HTTP status, whether the answer says it is
 * JSON, and the body bytes. The caller copies the body out of its network buffers, so this
 * package never holds a pooled buffer.
 *
 * <p>The array is not copied again (bodies can be megabytes and are compared once): whoever
 * builds an {@code Answer} hands the array over and must not change it afterwards. Equality
 * compares the bytes, not the array identity.
 *
 * @param status the HTTP status code
 * @param json whether the content type says JSON; only then is the body parsed, and a body that
 *     fails to parse is compared byte for byte
 * @param body the body bytes, possibly empty
 */
public record Answer(int status, boolean json, byte[] body) {
    public Answer {
        requireNonNull(body, "body");
    }

    /** An answer whose JSON-ness comes from its {@code Content-Type} header value (may be null). */
    public static Answer of(int status, String contentType, byte[] body) {
        return new Answer(status, isJsonContentType(contentType), body);
    }

    /**
     * Whether a {@code Content-Type} value names JSON: {@code application/json}, or any
     * {@code +json} structured suffix such as {@code application/problem+json}; parameters like
     * {@code charset} are ignored, case does not matter.
     */
    public static boolean isJsonContentType(String contentType) {
        if (contentType == null) {
            return false;
        }
        int semicolon = contentType.indexOf(';');
        String mediaType = (semicolon < 0 ? contentType : contentType.substring(0, semicolon))
                .trim().toLowerCase(Locale.ROOT);
        return mediaType.equals("application/json") || mediaType.endsWith("+json");
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Answer that && status == that.status && json == that.json
                && Arrays.equals(body, that.body);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * status + Boolean.hashCode(json)) + Arrays.hashCode(body);
    }

    /** Shows the size, not the bytes: answers end up in logs and may carry user data. */
    @Override
    public String toString() {
        return "Answer[status=" + status + ", json=" + json + ", body=" + body.length + " bytes]";
    }
}
