package io.shadowgate.mirror;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.cookie.Cookie;
import io.netty.handler.codec.http.cookie.ServerCookieDecoder;
import io.shadowgate.config.RequestKey;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Decides whether a request is mirrored: {@code percent} of requests, drawn at random, or, with a
 * sticky key, as a fixed function of the key's value so that one user's requests are all in or
 * all out. The hash has no seed, so every gateway replica makes the same decision for a key.
 * A request without the key is drawn at random. Stateless and thread-safe.
 */
final class Sampler {
    private final double percent;
    private final Optional<RequestKey> stickyKey;

    Sampler(double percent, Optional<RequestKey> stickyKey) {
        this.percent = percent;
        this.stickyKey = stickyKey;
    }

    boolean sample(HttpHeaders headers) {
        if (percent >= 100) {
            return true;
        }
        if (percent <= 0) {
            return false;
        }
        String key = stickyKey.map(k -> keyValue(k, headers)).orElse(null);
        double draw = key == null ? ThreadLocalRandom.current().nextDouble() : unitInterval(key);
        return draw * 100 < percent;
    }

    /** Also used for the noise baseline, which is always drawn at random. */
    static boolean draw(double percent) {
        return percent > 0 && (percent >= 100 || ThreadLocalRandom.current().nextDouble() * 100 < percent);
    }

    private static String keyValue(RequestKey key, HttpHeaders headers) {
        if (key.source() == RequestKey.Source.HEADER) {
            return headers.get(key.name());
        }
        for (String header : headers.getAll(HttpHeaderNames.COOKIE)) {
            for (Cookie cookie : ServerCookieDecoder.LAX.decodeAll(header)) {
                if (cookie.name().equals(key.name())) {
                    return cookie.value();
                }
            }
        }
        return null;
    }

    /** A uniform value in [0, 1) from the key: FNV-1a over its UTF-8 bytes, then SplitMix64's finalizer. */
    static double unitInterval(String key) {
        long hash = 0xcbf29ce484222325L;
        for (byte b : key.getBytes(StandardCharsets.UTF_8)) {
            hash = (hash ^ (b & 0xff)) * 0x100000001b3L;
        }
        hash = (hash ^ (hash >>> 30)) * 0xbf58476d1ce4e5b9L;
        hash = (hash ^ (hash >>> 27)) * 0x94d049bb133111ebL;
        hash ^= hash >>> 31;
        return (hash >>> 11) * 0x1.0p-53;
    }
}
