package io.shadowgate.proxy;

import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Request ids: the client's {@code X-Request-Id} when it is usable, else a fresh random UUID.
 * ThreadLocalRandom rather than {@link UUID#randomUUID()}: ids need to be unique, not
 * unpredictable, and SecureRandom would contend across event loops.
 */
final class RequestIds {
    /** Longer or odd ids are replaced: they end up in logs, headers and metric exemplars. */
    private static final int MAX_LENGTH = 128;

    private RequestIds() {}

    static String accept(String fromClient) {
        return isUsable(fromClient) ? fromClient : next();
    }

    static String next() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long high = (random.nextLong() & ~0xF000L) | 0x4000L; // version 4
        long low = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L; // IETF variant
        return new UUID(high, low).toString();
    }

    private static boolean isUsable(String id) {
        if (id == null || id.isEmpty() || id.length() > MAX_LENGTH) {
            return false;
        }
        for (int i = 0; i < id.length(); i++) {
            char c = id.charAt(i);
            if (c <= 0x20 || c >= 0x7F) {
                return false;
            }
        }
        return true;
    }
}
