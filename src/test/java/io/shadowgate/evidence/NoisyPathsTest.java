package io.shadowgate.evidence;

import io.shadowgate.compare.NoisyPath;
import io.shadowgate.compare.Comparison;
import io.shadowgate.compare.RateLowerBound;
import io.shadowgate.compare.Difference;
import io.shadowgate.compare.PathNoise;
import io.shadowgate.compare.MismatchPaths;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.IntNode;
import io.shadowgate.config.CompareConfig;
import io.shadowgate.rollout.Wilson;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The noise classifier: a path is noisy once the 95% Wilson lower bound of its stable-versus-stable
 * difference rate exceeds the floor, and only then; the configured patterns are noise from the start.
 */
class NoisyPathsTest {
    private static final double CONFIDENCE = 0.95;
    private static final RateLowerBound WILSON = (k, n) -> Wilson.interval(k, n, CONFIDENCE).lower();

    private static CompareConfig config(CompareConfig.Noise noise, double floor, List<String> noisyPaths) {
        return new CompareConfig(Optional.empty(), 1e-6, 1e-4, List.of(), List.of(), 100, 5, Duration.ofMinutes(5),
                noise, floor, noisyPaths);
    }

    private static NoisyPaths auto() {
        return NoisyPaths.of(config(CompareConfig.Noise.AUTO, 0.01, List.of()), WILSON);
    }

    private static Difference value(String path) {
        return new Difference(path, Difference.Kind.VALUE, IntNode.valueOf(1), IntNode.valueOf(2));
    }

    private static Comparison differing(String... paths) {
        List<Difference> differences = new ArrayList<>();
        for (String path : paths) {
            differences.add(value(path));
        }
        return new Comparison(differences, differences.size(), 0, 0, false);
    }

    private static final Comparison SAME = new Comparison(List.of(), 0, 0, 0, false);

    /** {@code differing} comparisons differing at the path among {@code n}, the differing ones first. */
    private static void feed(NoisyPaths noise, String path, int differing, int n) {
        for (int i = 0; i < n; i++) {
            noise.baseline(i < differing ? differing(path) : SAME);
        }
    }

    @Test
    void aPathThatAlwaysDiffersIsNoisyFromItsFirstComparison() {
        NoisyPaths noise = auto();
        assertThat(noise.isNoisy("/id")).isFalse();

        noise.baseline(differing("/id"));

        // 1 of 1: the 95% Wilson lower bound is 0.207, well above 0.01.
        assertThat(noise.isNoisy("/id")).isTrue();
        assertThat(noise.isNoisy("/predictions/*")).isFalse();
    }

    @Test
    void aRateAboveTheFloorIsNotNoisyUntilItsLowerBoundIsAboveItToo() {
        NoisyPaths few = auto();
        feed(few, "/score", 1, 60); // 1.7%, but the lower bound is 0.003
        assertThat(few.isNoisy("/score")).isFalse();

        NoisyPaths more = auto();
        feed(more, "/score", 5, 300); // still 1.7%, lower bound 0.007
        assertThat(more.isNoisy("/score")).isFalse();

        NoisyPaths enough = auto();
        feed(enough, "/score", 20, 1200); // 1.7% with a lower bound of 0.0108
        assertThat(enough.isNoisy("/score")).isTrue();
    }

    @Test
    void noiseBelowTheFloorIsNeverNoisyHoweverMuchEvidence() {
        NoisyPaths noise = auto();
        feed(noise, "/score", 50, 10_000); // 0.5%: an identical candidate's 0.99 gate absorbs it

        assertThat(noise.isNoisy("/score")).isFalse();
    }

    @Test
    void theFloorIsConfigurable() {
        NoisyPaths strict = NoisyPaths.of(config(CompareConfig.Noise.AUTO, 0.001, List.of()), WILSON);
        feed(strict, "/score", 50, 10_000);

        assertThat(strict.isNoisy("/score")).isTrue();
    }

    @Test
    void aPathStopsBeingNoisyWhenItStopsDiffering() {
        NoisyPaths noise = auto();
        feed(noise, "/id", 5, 5);
        assertThat(noise.isNoisy("/id")).isTrue();

        feed(noise, "/id", 0, 2000); // 5 of 2005: lower bound 0.001

        assertThat(noise.isNoisy("/id")).isFalse();
    }

    @Test
    void theCachedClassificationIsWhatRecomputingEveryPathWouldSay() {
        Map<String, Double> rates = Map.of("/a", 0.5, "/b", 0.03, "/c", 0.012, "/d", 0.004, "/e", 0.0);
        NoisyPaths noise = auto();
        Map<String, Long> differing = new HashMap<>();
        SplittableRandom random = new SplittableRandom(7);
        for (int n = 1; n <= 4000; n++) {
            List<String> paths = new ArrayList<>();
            rates.forEach((path, rate) -> {
                if (random.nextDouble() < rate) {
                    paths.add(path);
                }
            });
            noise.baseline(paths.isEmpty() ? SAME : differing(paths.toArray(String[]::new)));
            paths.forEach(path -> differing.merge(path, 1L, Long::sum));
            for (String path : rates.keySet()) {
                long k = differing.getOrDefault(path, 0L);
                PathNoise expected = WILSON.lower(k, n) > 0.01 ? PathNoise.NOISY
                        : n < NoisyPaths.WARM_UP || k > 0 && WILSON.upper(k, n) > 0.01 ? PathNoise.UNDECIDED
                        : PathNoise.QUIET;
                assertThat(noise.classify(path)).as("%s after %d comparisons", path, n).isEqualTo(expected);
                assertThat(noise.isNoisy(path)).isEqualTo(expected == PathNoise.NOISY);
            }
        }
    }

    @Test
    void aYoungBaselineCannotYetSayThatAnyPathIsQuiet() {
        NoisyPaths noise = auto();
        feed(noise, "/id", 0, NoisyPaths.WARM_UP - 1);
        assertThat(noise.classify("/predictions/*")).isEqualTo(PathNoise.UNDECIDED);

        noise.baseline(SAME);

        assertThat(noise.classify("/predictions/*")).isEqualTo(PathNoise.QUIET);
    }

    @Test
    void aPathSeenToDifferIsUndecidedUntilItsUpperBoundReachesTheFloor() {
        NoisyPaths noise = auto();
        feed(noise, "/score", 1, 60); // 1 of 60: bounds 0.003 .. 0.089
        assertThat(noise.classify("/score")).isEqualTo(PathNoise.UNDECIDED);

        feed(noise, "/score", 0, 400); // 1 of 460: upper bound 0.0122
        assertThat(noise.classify("/score")).isEqualTo(PathNoise.UNDECIDED);

        feed(noise, "/score", 0, 200); // 1 of 660: upper bound 0.0086
        assertThat(noise.classify("/score")).isEqualTo(PathNoise.QUIET);
    }

    @Test
    void withoutABaselineEveryPathIsQuiet() {
        NoisyPaths noise = NoisyPaths.of(new CompareConfig(Optional.empty(), 1e-6, 1e-4, List.of(), List.of(), 100, 0,
                Duration.ofMinutes(5)), WILSON);

        assertThat(noise.classify("/id")).isEqualTo(PathNoise.QUIET);
    }

    @Test
    void aMismatchIsNoiseWhenAllItsPathsAreNoisyUndecidedWhenNoneIsQuiet() {
        NoisyPaths noise = auto();
        feed(noise, "/id", 30, 30);
        noise.baseline(differing("/score"));

        assertThat(noise.mismatchPaths(differing("/id")).noise(noise::classify)).isEqualTo(PathNoise.NOISY);
        assertThat(noise.mismatchPaths(differing("/id", "/score")).noise(noise::classify))
                .isEqualTo(PathNoise.UNDECIDED);
        assertThat(noise.mismatchPaths(differing("/id", "/score", "/label")).noise(noise::classify))
                .isEqualTo(PathNoise.QUIET);
        assertThat(MismatchPaths.UNKNOWN.noise(path -> PathNoise.NOISY)).isEqualTo(PathNoise.QUIET);
    }

    @Test
    void aMismatchIsOnlyNoiseWhenEveryDifferenceIsOnANoisyPath() {
        NoisyPaths noise = auto();
        noise.baseline(differing("/id"));

        assertThat(noise.onlyNoise(differing("/id"))).isTrue();
        assertThat(noise.onlyNoise(differing("/id", "/predictions/0"))).isFalse();
        assertThat(noise.onlyNoise(SAME)).as("a match is a match, not noise").isFalse();
        assertThat(noise.mismatchPaths(differing("/id", "/predictions/0", "/predictions/1")))
                .isEqualTo(MismatchPaths.of(List.of("/id", "/predictions/*")));
    }

    @Test
    void aComparisonThatDidNotRecordAllItsDifferencesIsNeverNoise() {
        NoisyPaths noise = auto();
        noise.baseline(differing("/id"));
        Comparison truncated = new Comparison(List.of(value("/id")), 2, 0, 0, false);

        assertThat(noise.mismatchPaths(truncated)).isEqualTo(MismatchPaths.UNKNOWN);
        assertThat(noise.onlyNoise(truncated)).isFalse();
    }

    @Test
    void configuredPathsAreNoiseWithoutAnyBaselineAndMatchUncollapsedPaths() {
        NoisyPaths noise = NoisyPaths.of(config(CompareConfig.Noise.AUTO, 0.01,
                List.of("/created", "/predictions/0/sampled", "/meta")), WILSON);

        assertThat(noise.onlyNoise(differing("/created"))).isTrue();
        assertThat(noise.onlyNoise(differing("/meta/trace/3"))).as("below a listed path").isTrue();
        assertThat(noise.onlyNoise(differing("/predictions/0/sampled"))).isTrue();
        assertThat(noise.onlyNoise(differing("/predictions/1/sampled"))).as("another index").isFalse();
        assertThat(noise.mismatchPaths(differing("/created", "/predictions/1/sampled")))
                .isEqualTo(MismatchPaths.of(List.of("/predictions/*/sampled")));
        assertThat(noise.explain()).extracting(NoisyPath::path, NoisyPath::configured).containsExactly(
                org.assertj.core.groups.Tuple.tuple("/created", true),
                org.assertj.core.groups.Tuple.tuple("/predictions/0/sampled", true),
                org.assertj.core.groups.Tuple.tuple("/meta", true));
    }

    @Test
    void offTreatsNothingAsNoiseNotEvenTheListedPaths() {
        NoisyPaths noise = NoisyPaths.of(config(CompareConfig.Noise.OFF, 0.01, List.of("/created")), WILSON);
        feed(noise, "/id", 10, 10);

        assertThat(noise.isNoisy("/id")).isFalse();
        assertThat(noise.onlyNoise(differing("/created"))).isFalse();
        assertThat(noise.mismatchPaths(differing("/id"))).isEqualTo(MismatchPaths.UNKNOWN);
        assertThat(noise.explain()).isEmpty();
    }

    @Test
    void explainsAMeasuredPathWithItsNumbers() {
        NoisyPaths noise = auto();
        feed(noise, "/id", 10, 200);
        feed(noise, "/created", 8, 0);

        assertThat(noise.explain()).singleElement().satisfies(path -> {
            assertThat(path.path()).isEqualTo("/id");
            assertThat(path.configured()).isFalse();
            assertThat(path.comparisons()).isEqualTo(200);
            assertThat(path.differing()).isEqualTo(10);
            assertThat(path.rate()).isEqualTo(0.05);
            assertThat(path.lowerBound()).isEqualTo(WILSON.lower(10, 200));
        });
    }

    @Test
    void newPathsBeyondTheTrackingLimitAreNeverNoisy() {
        NoisyPaths noise = auto();
        List<String> paths = new ArrayList<>();
        for (int i = 0; i < NoisyPaths.MAX_TRACKED_PATHS; i++) {
            paths.add("/k" + i);
        }
        noise.baseline(differing(paths.toArray(String[]::new)));
        paths.add("/late");
        noise.baseline(differing(paths.toArray(String[]::new)));

        assertThat(noise.isNoisy("/k0")).isTrue();
        assertThat(noise.isNoisy("/late")).isFalse();
    }

    @Test
    void aDifferentStatusOrAWholeAnswerThatDiffersIsNeverNoise() {
        NoisyPaths noise = auto();
        Comparison status = new Comparison(List.of(new Difference("", Difference.Kind.STATUS, IntNode.valueOf(200), IntNode.valueOf(429))), 1, 0, 0,
                false);
        for (int i = 0; i < 100; i++) { // stable answers 429 to every other noise copy, and varies as a whole
            noise.baseline(i % 2 == 0 ? status : differing(""));
        }

        assertThat(noise.isNoisy("")).isFalse();
        Comparison badRequest = new Comparison(List.of(new Difference("", Difference.Kind.STATUS, IntNode.valueOf(200), IntNode.valueOf(400))), 1, 0, 0,
                false);
        assertThat(noise.mismatchPaths(badRequest)).isEqualTo(MismatchPaths.UNKNOWN);
        assertThat(noise.onlyNoise(badRequest)).isFalse();
        assertThat(noise.onlyNoise(differing(""))).isFalse();
    }
}
