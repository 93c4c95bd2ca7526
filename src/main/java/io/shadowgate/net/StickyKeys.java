package io.shadowgate.net;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.cookie.Cookie;
import io.netty.handler.codec.http.cookie.ServerCookieDecoder;
import io.shadowgate.config.RequestKey;
import java.nio.charset.StandardCharsets;

/**
 * Stickiness keys: reading a request's key (a header or a cookie) and turning it into a fixed
 * position in [0, 1), so that a decision "position < share" is the same for a key on every request
 * and on every gateway replica (the hash has no per-process seed). A purpose string salts the
 * hash, so that the shadow sample and the canary's share pick independent sets of users.
 */
public final class StickyKeys {
    private StickyKeys() {}

    /** The key's value in the request, or null when the request does not carry it. */
    public static String value(RequestKey key, HttpHeaders headers) {
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

    /** A uniform position in [0, 1): FNV-1a over purpose and value (UTF-8), then SplitMix64's finalizer. */
    public static double position(String purpose, String value) {
        long hash = 0xcbf29ce484222325L;
        for (byte b : (purpose + '\u0000' + value).getBytes(StandardCharsets.UTF_8)) {
            hash = (hash ^ (b & 0xff)) * 0x100000001b3L;
        }
        hash = (hash ^ (hash >>> 30)) * 0xbf58476d1ce4e5b9L;
        hash = (hash ^ (hash >>> 27)) * 0x94d049bb133111ebL;
        hash ^= hash >>> 31;
        return (hash >>> 11) * 0x1.0p-53;
    }
}
