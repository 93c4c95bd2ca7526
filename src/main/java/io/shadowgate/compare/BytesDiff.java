package io.shadowgate.compare;

import static java.util.Objects.requireNonNull;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * How two bodies compared as bytes differ, in a size that does not grow with the bodies: both
 * lengths, both SHA-256 digests, and a hex preview of each side at the first differing byte. This
 * is what a mismatch sample keeps of a binary or otherwise non-JSON answer, instead of the body.
 *
 * @param firstDifference the offset of the first byte that differs, or the shorter length when one
 *     body is a prefix of the other
 * @param previewOffset where both previews start: the first difference rounded down to 16
 * @param stable the stable side
 * @param candidate the candidate side
 */
public record BytesDiff(long firstDifference, long previewOffset, Side stable, Side candidate) {
    /** Bytes shown of each side around the first difference. */
    public static final int PREVIEW_BYTES = 64;

    private static final HexFormat HEX = HexFormat.of();
    private static final HexFormat SPACED = HexFormat.ofDelimiter(" ");

    /**
     * One side's body as a sample shows it.
     *
     * @param length the body's length in bytes
     * @param sha256 its SHA-256 digest, lowercase hex
     * @param hex up to {@link #PREVIEW_BYTES} bytes from the preview offset, hex separated by spaces
     */
    public record Side(long length, String sha256, String hex) {
        public Side {
            requireNonNull(sha256, "sha256");
            requireNonNull(hex, "hex");
        }
    }

    public BytesDiff {
        requireNonNull(stable, "stable");
        requireNonNull(candidate, "candidate");
    }

    /** The difference between two bodies that are not equal. */
    public static BytesDiff of(byte[] stable, byte[] candidate) {
        int first = Arrays.mismatch(stable, candidate);
        if (first < 0) {
            throw new IllegalArgumentException("bodies: equal (expected: two bodies that differ)");
        }
        int previewOffset = first - first % 16;
        return new BytesDiff(first, previewOffset, side(stable, previewOffset), side(candidate, previewOffset));
    }

    private static Side side(byte[] body, int previewOffset) {
        int end = Math.min(body.length, previewOffset + PREVIEW_BYTES);
        String hex = previewOffset >= end ? "" : SPACED.formatHex(body, previewOffset, end);
        return new Side(body.length, sha256(body), hex);
    }

    /** The SHA-256 digest of {@code body} in lowercase hex. */
    public static String sha256(byte[] body) {
        try {
            return HEX.formatHex(MessageDigest.getInstance("SHA-256").digest(body));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }
}
