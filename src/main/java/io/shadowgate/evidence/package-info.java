/**
 * What the gateway has learnt from mirrored traffic so far, kept between comparisons: the recent
 * match rate ({@link io.shadowgate.evidence.MatchRateWindow}), the mismatch samples
 * ({@link io.shadowgate.evidence.MismatchLog}) and the noise baseline
 * ({@link io.shadowgate.evidence.NoisyPaths}). Thread-safe state fed on the comparison thread and
 * read by the admin API and the rollout; the comparisons themselves stay pure in {@code compare}.
 */
package io.shadowgate.evidence;
