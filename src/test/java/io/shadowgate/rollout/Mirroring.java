package io.shadowgate.rollout;

import io.shadowgate.compare.Outcome;
import io.shadowgate.compare.MismatchPaths;
import io.shadowgate.evidence.NoisyPaths;
import java.util.SplittableRandom;

/**
 * The gateway's side of a simulated request, for scenarios that need it: which side serves the
 * client (timed by the proxy), the copy to the other (timed by the mirror), and stable noise copies
 * sent together with it (a second one with half of them, at random, when stable serves, as the
 * gateway sends), all as bent by a {@link HostModel}. Produces the {@link Outcome} the
 * mirror would hand the rollout, so the simulation records it through the gateway's own path.
 *
 * @param candidateShare the canary's share of live traffic (0 in shadow)
 * @param noiseShare {@code compare.noisePercent / 100}
 * @param randomOrder the copies sent together go out in a random order (the gateway); false sends the
 *     copy to the other side always last, to show what a fixed order costs on a busy host
 */
record Mirroring(double candidateShare, double noiseShare, HostModel host, boolean randomOrder) {

    /** One request; {@code baseline} learns from its noise copy when the scenario's answers are scored. */
    Outcome next(SplittableRandom random, Scenario scenario, NoisyPaths baseline) {
        boolean candidateServed = random.nextDouble() < candidateShare;
        boolean stableError = random.nextDouble() < scenario.stableErrorRate();
        boolean candidateError = random.nextDouble() < scenario.candidateErrorRate();
        boolean noise = random.nextDouble() < noiseShare;
        boolean secondNoise = noise && !candidateServed && random.nextBoolean(); // as ShadowMirror does
        double shared = host.shared(random);
        double mirrorDelay = host.mirrorDelay(random, Scenario.MEDIAN_NANOS);
        double answer = Scenario.latency(random, candidateServed ? scenario.latencyFactor() : 1) * shared * host.leg(random);
        // The mirror's legs of this request: the copy to the side that did not serve, then the noise copies.
        double[] copies = new double[secondNoise ? 3 : noise ? 2 : 1];
        copies[0] = Scenario.latency(random, candidateServed ? 1 : scenario.latencyFactor());
        for (int i = 1; i < copies.length; i++) {
            copies[i] = Scenario.latency(random, 1);
        }
        int first = randomOrder ? random.nextInt(copies.length) : copies.length - 1; // fixed: the copy goes last
        for (int i = 0; i < copies.length; i++) {
            copies[i] = (copies[i] * shared * host.leg(random) + mirrorDelay) * (i == first ? 1 : host.secondBias());
        }
        double stable = candidateServed ? copies[0] : answer;
        double candidate = candidateServed ? answer : copies[0];
        boolean errors = stableError || candidateError;
        boolean match = random.nextDouble() >= scenario.mismatchRate();
        Outcome outcome = Outcomes.of(!errors, !errors && match, true, stableError, candidateError,
                errors ? 0 : Math.round(stable), errors ? 0 : Math.round(candidate), candidateServed,
                noise ? Math.round(copies[1]) : 0, MismatchPaths.UNKNOWN, secondNoise ? Math.round(copies[2]) : 0);
        if (scenario.scoring() == null || errors) {
            return outcome;
        }
        // Drawn last, so that scenarios without scores draw what they always drew.
        Scoring.Scored scored = scenario.scoring().next(random, noise, baseline);
        return Outcomes.scored(outcome, scored.result(), scored.similarity());
    }
}
