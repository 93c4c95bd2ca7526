package io.shadowgate.demo;

import java.time.Duration;

/**
 * How fast the demo's rollout moves. A production rollout bakes each stage for minutes; the demo
 * bakes for seconds, which its steady synthetic traffic makes enough: at 200 requests/s a 10 s bake
 * gathers about 2000 paired requests, several times what a clean stage needs to pass its gates.
 *
 * @param bake minimum time in the shadow stage and in each canary stage
 * @param maxBake a stage still undecided after this is held inconclusive, which ends the demo
 * @param tick how often the controller judges the evidence
 * @param maxWarmUp how long traffic may flow with the rollout paused, at most, before the first
 *     stage is judged (see {@link DemoWarmUp})
 */
record DemoTimings(Duration bake, Duration maxBake, Duration tick, Duration maxWarmUp) {
    private static final Duration MIN_TICK = Duration.ofMillis(100);
    private static final Duration MAX_TICK = Duration.ofSeconds(1);
    private static final Duration MIN_MAX_BAKE = Duration.ofSeconds(30);
    private static final Duration MIN_WARM_UP = Duration.ofSeconds(10);
    private static final Duration MAX_WARM_UP = Duration.ofSeconds(30);

    /**
     * The timings around one bake (10 s by default, 2 s in the tests):
     * <ul>
     *   <li>the tick is a tenth of the bake, at most a second, so a stage passes soon after its
     *       bake ends;</li>
     *   <li>maxBake is six bakes and at least 30 s (a minute by default): long enough for a +50%
     *       latency candidate to be judged, and for a stage whose p99 interval one pause of the
     *       machine has widened (a 50 ms stall puts about 1% of a second's requests in the tail) to
     *       dilute it with a few thousand more requests; short enough that a stuck stage ends the
     *       demo;</li>
     *   <li>the warm-up waits at most three bakes, 10 to 30 s: a cold JVM on two cores needs 10-20 s.</li>
     * </ul>
     */
    static DemoTimings forBake(Duration bake) {
        if (bake.isNegative() || bake.isZero()) {
            throw new IllegalArgumentException("bake " + bake + " (expected: > 0)");
        }
        return new DemoTimings(bake, atLeast(bake.multipliedBy(6), MIN_MAX_BAKE),
                clamp(bake.dividedBy(10), MIN_TICK, MAX_TICK), clamp(bake.multipliedBy(3), MIN_WARM_UP, MAX_WARM_UP));
    }

    /**
     * How long the demo waits for a verdict before it gives up: the warm-up and every stage
     * running to maxBake, and half a minute more. The rollout's own maxBake ends any stage long
     * before, so this only fires when the rollout is stuck (paused by an operator, a router
     * refusing a weight).
     */
    Duration deadline(int stages) {
        return maxWarmUp.plus(maxBake.multipliedBy(stages + 1L)).plusSeconds(30);
    }

    private static Duration atLeast(Duration value, Duration min) {
        return value.compareTo(min) < 0 ? min : value;
    }

    private static Duration clamp(Duration value, Duration min, Duration max) {
        Duration low = atLeast(value, min);
        return low.compareTo(max) > 0 ? max : low;
    }
}
