package io.shadowgate.admin;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Checks {@code Authorization: Bearer <token>} in constant time. Both sides are hashed first so
 * the comparison takes the same time whatever the length of the guess; the token itself is kept
 * only as its digest and never printed.
 */
final class BearerToken {
    private static final String PREFIX = "Bearer ";
    private final byte[] expectedDigest;

    BearerToken(String token) {
        this.expectedDigest = token.isEmpty() ? null : sha256(token);
    }

    boolean required() {
        return expectedDigest != null;
    }

    boolean accepts(String authorization) {
        if (expectedDigest == null) {
            return true;
        }
        String presented = authorization != null && authorization.regionMatches(true, 0, PREFIX, 0, PREFIX.length())
                ? authorization.substring(PREFIX.length()).trim() : "";
        return MessageDigest.isEqual(expectedDigest, sha256(presented));
    }

    private static byte[] sha256(String value) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JRE has SHA-256", e);
        }
    }

    @Override
    public String toString() {
        return required() ? "BearerToken[set]" : "BearerToken[none]";
    }
}
