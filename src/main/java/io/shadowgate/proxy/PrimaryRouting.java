package io.shadowgate.proxy;

import io.shadowgate.net.StickyKeys;
import static java.util.Objects.requireNonNull;

import io.netty.handler.codec.http.HttpHeaders;
import io.shadowgate.config.RequestKey;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Picks the primary for each request: stable, or the candidate for the canary's share of live
 * traffic. The share is a volatile read, so whoever applies a new weight (the rollout's local
 * traffic router) takes effect on the next request of every event loop without locking.
 *
 * <p>With a sticky key, a request's variant is its key's fixed position against the share: a key
 * keeps its variant while the weight holds, and as the weight only grows during a rollout, keys
 * only ever move from stable to the candidate. Requests without the key are drawn at random.
 */
public final class PrimaryRouting {
    private static final String PURPOSE = "canary";

    private final Upstream stable;
    private final Upstream candidate; // null: no candidate, everything goes to stable
    private final Optional<RequestKey> sticky;
    private volatile double candidateShare; // 0..1

    public PrimaryRouting(Upstream stable, Upstream candidate, Optional<RequestKey> sticky) {
        this.stable = requireNonNull(stable, "stable");
        this.candidate = candidate;
        this.sticky = requireNonNull(sticky, "sticky");
    }

    /** Routes {@code percent} (0..100) of live requests to the candidate from now on. */
    public void setCandidatePercent(double percent) {
        if (percent < 0 || percent > 100 || Double.isNaN(percent)) {
            throw new IllegalArgumentException("percent: " + percent + " (expected: 0..100)");
        }
        if (candidate == null && percent > 0) {
            throw new IllegalStateException("no candidate is configured to route traffic to");
        }
        candidateShare = percent / 100;
    }

    public double candidatePercent() {
        return candidateShare * 100;
    }

    public Upstream stable() {
        return stable;
    }

    /** The candidate's upstream, when one is configured. */
    public Optional<Upstream> candidate() {
        return Optional.ofNullable(candidate);
    }

    /** The primary for a request with these headers. */
    Upstream choose(HttpHeaders headers) {
        double share = candidateShare;
        if (share <= 0) {
            return stable;
        }
        if (share >= 1) {
            return candidate;
        }
        String key = sticky.map(k -> StickyKeys.value(k, headers)).orElse(null);
        double position = key == null ? ThreadLocalRandom.current().nextDouble() : StickyKeys.position(PURPOSE, key);
        return position < share ? candidate : stable;
    }

    boolean isCandidate(Upstream upstream) {
        return upstream == candidate;
    }
}
