package io.shadowgate.mirror;

import static java.util.Objects.requireNonNull;

import io.shadowgate.metrics.UpstreamRecorder;

/**
 * Where the mean inter-token time of each leg of a compared request is recorded: the upstream and
 * role that leg was (stable or the candidate, as primary, shadow or noise copy).
 */
record StreamLegs(UpstreamRecorder stablePrimary, UpstreamRecorder candidatePrimary,
                  UpstreamRecorder stableShadow, UpstreamRecorder candidateShadow, UpstreamRecorder noise) {
    StreamLegs {
        requireNonNull(stablePrimary, "stablePrimary");
        requireNonNull(candidatePrimary, "candidatePrimary");
        requireNonNull(stableShadow, "stableShadow");
        requireNonNull(candidateShadow, "candidateShadow");
        requireNonNull(noise, "noise");
    }

    UpstreamRecorder stable(boolean candidateServes) {
        return candidateServes ? stableShadow : stablePrimary;
    }

    UpstreamRecorder candidate(boolean candidateServes) {
        return candidateServes ? candidatePrimary : candidateShadow;
    }
}
