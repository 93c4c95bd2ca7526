package io.shadowgate.rollout;

import io.shadowgate.compare.PairOutcome;
import java.util.SplittableRandom;

/**
 * The gateway's side of a simulated request, for scenarios that need it: which side serves the
 * client (timed by the proxy), the copy to the other (timed by the mirror), and a stable noise copy
 * sent together with it, all as bent by a {@link HostModel}. Produces the {@link PairOutcome} the
 * mirror would hand the rollout, so the simulation records it through the gateway's own path.
 *
 * @param candidateShare the canary's share of live traffic (0 in shadow)
 * @param noiseShare {@code compare.noisePercent / 100}
 * @param randomOrder the copies sent together go out in a random order (the gateway); false sends the
 *     candidate's copy always second, to show what a fixed order costs on a busy host
 */
record Mirroring(double candidateShare, double noiseShare, HostModel host, boolean randomOrder) {

    PairOutcome next(SplittableRandom random, Scenario scenario) {
        boolean candidateServed = random.nextDouble() < candidateShare;
        boolean stableError = random.nextDouble() < scenario.stableErrorRate();
        boolean candidateError = random.nextDouble() < scenario.candidateErrorRate();
        boolean noise = random.nextDouble() < noiseShare;
        double shared = host.shared(random);
        double mirrorDelay = host.mirrorDelay(random, Scenario.MEDIAN_NANOS);
        double stable = Scenario.latency(random, 1) * shared * host.leg(random);
        double candidate = Scenario.latency(random, scenario.latencyFactor()) * shared * host.leg(random);
        double noiseCopy = noise ? Scenario.latency(random, 1) * shared * host.leg(random) + mirrorDelay : 0;
        if (candidateServed) {
            stable += mirrorDelay;
        } else {
            candidate += mirrorDelay;
        }
        if (noise) {
            boolean copySecond = randomOrder ? random.nextBoolean() : true;
            if (copySecond) {
                stable *= candidateServed ? host.secondBias() : 1;
                candidate *= candidateServed ? 1 : host.secondBias();
            } else {
                noiseCopy *= host.secondBias();
            }
        }
        boolean errors = stableError || candidateError;
        boolean match = random.nextDouble() >= scenario.mismatchRate();
        return new PairOutcome(!errors, !errors && match, true, stableError, candidateError,
                errors ? 0 : Math.round(stable), errors ? 0 : Math.round(candidate), candidateServed,
                noise && !stableError ? Math.round(noiseCopy) : 0);
    }
}
