package io.shadowgate.demo;

import io.shadowgate.rollout.Gates;
import io.shadowgate.rollout.Phase;
import io.shadowgate.sample.SampleModelOptions;
import java.time.Duration;
import java.util.Locale;
import java.util.function.UnaryOperator;

/**
 * What {@code shadowgate demo --scenario} puts up as the candidate, and how its rollout should end.
 * Every candidate is the stable model itself (same variant, same latency) with one thing changed,
 * so that whatever the gates find is the one fault the scenario injects and nothing else.
 */
enum DemoScenario {
    GOOD("the same model as stable", candidate -> candidate, Phase.PROMOTED, null),
    DRIFT("the same model, with the predicted class of 10% of the Iris rows changed",
            candidate -> candidate.withDrift(0.10), Phase.ROLLED_BACK, Gates.MATCH_RATE),
    SLOW("the same model, 50% slower (" + SampleModelOptions.formatDuration(Latency.SLOW) + " instead of "
            + SampleModelOptions.formatDuration(Latency.MODEL) + ")",
            candidate -> candidate.withLatency(Latency.SLOW), Phase.ROLLED_BACK, Gates.LATENCY_INCREASE),
    ERRORS("the same model, answering 5% of requests with an injected 500",
            candidate -> candidate.withErrorRate(0.05), Phase.ROLLED_BACK, Gates.ERROR_RATE_INCREASE);

    private final String candidate;
    private final UnaryOperator<SampleModelOptions> fault;
    private final Phase expectedPhase;
    private final String expectedGate; // null: no gate may fail

    DemoScenario(String candidate, UnaryOperator<SampleModelOptions> fault, Phase expectedPhase, String expectedGate) {
        this.candidate = candidate;
        this.fault = fault;
        this.expectedPhase = expectedPhase;
        this.expectedGate = expectedGate;
    }

    /** The stable model's options: variant v1 with a realistic latency. */
    static SampleModelOptions stableOptions(int port) {
        return SampleModelOptions.defaults().withPort(port).withLatency(Latency.MODEL);
    }

    /** The candidate's options: the stable model with this scenario's fault. */
    SampleModelOptions candidateOptions(int port) {
        return fault.apply(stableOptions(port));
    }

    /** The candidate in words, for the demo's first lines. */
    String candidate() {
        return candidate;
    }

    /** What the rollout should end in, in words: "PROMOTED" or "ROLLED_BACK by the matchRate gate". */
    String expectation() {
        return expectedGate == null ? expectedPhase.name() : expectedPhase.name() + " by the " + expectedGate + " gate";
    }

    /**
     * True when the rollout ended as this scenario should: promoted, or rolled back automatically
     * because the scenario's own gate failed. A rollback for another reason (another gate, an
     * inconclusive stage, an operator) means the demo did not show what it set out to show.
     */
    boolean expected(String phase, String reason) {
        if (!expectedPhase.name().equals(phase)) {
            return false;
        }
        return expectedGate == null || (reason != null && reason.startsWith("gate " + expectedGate + " FAIL"));
    }

    /** The name as typed on the command line. */
    String optionValue() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** In a holder of its own: the constants above are built before the enum's own static fields. */
    static final class Latency {
        /**
         * Both models wait this long before answering. The primary's latency is measured by the proxy
         * and the shadow's by the mirror's HTTP client; the two clients differ by a fraction of a
         * millisecond, which would dominate a sub-millisecond model and make an identical candidate
         * look slower. A realistic scoring time keeps that difference well inside the latency gate.
         */
        static final Duration MODEL = Duration.ofMillis(15);
        static final Duration SLOW = MODEL.multipliedBy(3).dividedBy(2);

        private Latency() {}
    }
}
