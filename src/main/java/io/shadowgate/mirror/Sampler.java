package io.shadowgate.mirror;

import io.netty.handler.codec.http.HttpHeaders;
import io.shadowgate.config.RequestKey;
import io.shadowgate.net.StickyKeys;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Decides whether a request is mirrored: {@code percent} of requests, drawn at random, or, with a
 * sticky key, as a fixed function of the key's value so that one user's requests are all in or
 * all out. The hash has no seed, so every gateway replica makes the same decision for a key.
 * A request without the key is drawn at random. Stateless and thread-safe.
 */
final class Sampler {
    private static final String PURPOSE = "shadow";
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
        String key = stickyKey.map(k -> StickyKeys.value(k, headers)).orElse(null);
        double draw = key == null ? ThreadLocalRandom.current().nextDouble() : unitInterval(key);
        return draw * 100 < percent;
    }

    /** Also used for the noise baseline, which is always drawn at random. */
    static boolean draw(double percent) {
        return percent > 0 && (percent >= 100 || ThreadLocalRandom.current().nextDouble() * 100 < percent);
    }

    /** The key's fixed position in [0, 1) for the shadow sample. */
    static double unitInterval(String key) {
        return StickyKeys.position(PURPOSE, key);
    }
}
