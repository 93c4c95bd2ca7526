package io.shadowgate.rollout;

/**
 * Which client timed the latencies the latency gate compares. The two sides of a mirrored
 * request are timed by different clients: the side that answers the client by the proxy, the
 * copy by the mirror's HTTP client, which on a busy machine adds its own delay (one more event
 * loop, one more thread to schedule). Comparing a proxy-timed stable with a mirror-timed
 * candidate would charge that delay to the candidate, so the gate only compares like with like.
 */
public enum LatencyPath {
    /** Both sides as the proxy timed them: each side's answers to clients (canary stages). */
    PROXY,
    /** Both through the mirror's client: the candidate's copy and a stable noise copy of the same request, sent together. */
    MIRROR,
    /**
     * No like-for-like latencies: in shadow the stable is timed only by the proxy and the
     * candidate only by the mirror, unless {@code compare.noisePercent} sends stable copies too.
     */
    NONE
}
