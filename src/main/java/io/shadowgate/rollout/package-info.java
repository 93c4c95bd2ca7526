/**
 * The rollout: how a candidate moves through the traffic stages, or back. This part is its pure
 * decision core: no Netty, no I/O, no threads, no clock (time comes in as an argument).
 *
 * <h2>Evidence</h2>
 * The mirror hands every mirrored request's {@link io.shadowgate.compare.Outcome} to the
 * stage's {@link io.shadowgate.rollout.EvidenceWindow} (fixed memory: counters, similarity score sums, the mismatches by
 * their set of paths, and log-bucket latency histograms per side, timing client and construction).
 * What it holds is a value, {@link io.shadowgate.rollout.Evidence}, that merges exactly with
 * another window's (several replicas' evidence sums to what one window would have seen) and
 * encodes in a few kilobytes; {@link io.shadowgate.rollout.EvidenceSource#snapshot()} answers it
 * judged, as the immutable {@link io.shadowgate.rollout.StageEvidence} the gates read, with the
 * noise baseline's view of each mismatch path at that moment. A new stage resets the window.
 *
 * <h2>Gates</h2>
 * {@link io.shadowgate.rollout.Gates} judges four things, each on a two-sided confidence
 * interval at {@code rollout.confidence}: a gate passes when the whole interval is on the good
 * side of its threshold, fails when the whole interval is on the bad side, and is pending
 * otherwise, so each verdict is a one-sided test at 1 - (1 - confidence) / 2.
 * <ul>
 *   <li>{@code matchRate}: matches over comparisons, {@link io.shadowgate.rollout.Wilson} score
 *       interval against {@code gates.minMatchRate}; a comparison that differed only on paths the
 *       noise baseline calls noisy is a match, one whose paths it cannot yet tell from noise
 *       (undecided) is a mismatch for a pass and a match for a failure, classified anew on every
 *       judgement over the stage's mismatches, which the window keeps by their set of paths;</li>
 *   <li>{@code errorRateIncrease}: candidate minus stable error rate on the same requests,
 *       {@link io.shadowgate.rollout.NewcombeDifference} interval against
 *       {@code gates.maxErrorRateIncrease};</li>
 *   <li>{@code latencyIncrease}: candidate p99 over stable p99 minus 1, order-statistic bounds
 *       ({@link io.shadowgate.rollout.QuantileBounds}) for each p99 combined on the log scale
 *       against {@code gates.maxLatencyIncrease}, on latencies timed alike only, and neither
 *       verdict inside the host's noise ({@link io.shadowgate.rollout.HostNoise}: stable timed
 *       against itself); in a canary stage with noise copies no pass while the latencies timed
 *       the other way put the candidate above the limit; the latency is the configured
 *       {@code gates.latencyMeasure} (total or first token), which the mirror puts on the legs;</li>
 *   <li>{@code similarity}: for routes compared by a similarity score, the mean paired difference
 *       between the candidate's score and stable's own (a noise copy scored against the same stable
 *       answer), a normal interval against {@code -gates.maxSimilarityDrop}
 *       ({@link io.shadowgate.rollout.SimilarityGate}); not applicable, so passing, on other routes.</li>
 * </ul>
 * No gate fails below {@link io.shadowgate.rollout.Gates#failureFloor(int) a floor} of
 * observations, and the match gate never on a single mismatch.
 *
 * <h2>The judge</h2>
 * {@link io.shadowgate.rollout.StageJudge} turns a gate report, the time in stage and the
 * config into a {@link io.shadowgate.rollout.Decision} (a {@link io.shadowgate.rollout.StageVerdict}
 * and its reason): roll back on any failure at once; advance only after the bake, on at least
 * {@code minSamples} comparisons, with every gate passing; past {@code maxBake}, hold or roll back
 * as {@code onInconclusive} says; otherwise wait.
 *
 * <h2>The machine</h2>
 * {@link io.shadowgate.rollout.RolloutMachine#step} is the rollout:
 * {@code (Rollout, StageEvidence, Command, now) -> (Rollout', effects)}, pure. A
 * {@link io.shadowgate.rollout.Rollout} is the durable {@link io.shadowgate.rollout.RolloutState}
 * (candidate, phase, stage, weight) times where the routers stand
 * ({@link io.shadowgate.rollout.Weight}: in place, applying a move, refused one); a
 * {@link io.shadowgate.rollout.Command} is a tick, an operator's command or the routers' answer;
 * the {@link io.shadowgate.rollout.Effect}s are what the runner in {@code rollout.run} performs, in
 * order. A rollback interrupts a weight being applied; other commands wait for it.
 *
 * <p>The seeded simulation in the tests ({@code RolloutSimulation}) shows what these rules do
 * with identical, drifting, slower, failing and thin-traffic candidates.
 */
package io.shadowgate.rollout;
