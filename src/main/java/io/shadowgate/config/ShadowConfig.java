package io.shadowgate.config;

import java.util.Optional;

/**
 * Which requests are mirrored to the candidate, and how much the mirror may hold at once.
 *
 * @param percent share of requests mirrored, 0..100
 * @param stickyKey when present, the sampling decision is a function of this key, so one user's
 *     requests are all mirrored or none are; when absent each request is drawn at random
 * @param maxInFlight shadow requests in flight at most; a mirror beyond it is shed and counted
 * @param maxBodyBytes larger requests or responses are not compared (counted as skipped)
 */
public record ShadowConfig(double percent, Optional<RequestKey> stickyKey, int maxInFlight, long maxBodyBytes) {
    public ShadowConfig {
        java.util.Objects.requireNonNull(stickyKey, "stickyKey");
    }
}
