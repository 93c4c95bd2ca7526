package io.shadowgate.demo;

import io.shadowgate.rollout.Gates;
import io.shadowgate.rollout.Phase;
import io.shadowgate.sample.SampleModelOptions;
import io.shadowgate.sample.LlmDrift;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.function.UnaryOperator;

/**
 * What {@code shadowgate demo --scenario} puts up as the candidate, and how its rollout should end.
 * Every candidate is the stable model itself (same variant, same latency) with one thing changed,
 * so that whatever the gates find is the one fault the scenario injects and nothing else.
 */
enum DemoScenario {
    GOOD("the same model as stable", DemoWorkload.IRIS, candidate -> candidate, Phase.PROMOTED, null),
    DRIFT("the same model, with the predicted class of 10% of the Iris rows changed", DemoWorkload.IRIS,
            candidate -> candidate.withDrift(0.10), Phase.ROLLED_BACK, Gates.MATCH_RATE),
    SLOW("the same model, 50% slower (" + SampleModelOptions.formatDuration(Latency.SLOW) + " instead of "
            + SampleModelOptions.formatDuration(Latency.MODEL) + ")", DemoWorkload.IRIS,
            candidate -> candidate.withLatency(Latency.SLOW), Phase.ROLLED_BACK, Gates.LATENCY_INCREASE),
    ERRORS("the same model, answering 5% of requests with an injected 500", DemoWorkload.IRIS,
            candidate -> candidate.withErrorRate(0.05), Phase.ROLLED_BACK, Gates.ERROR_RATE_INCREASE),
    LLM_GOOD("the same text model as stable, sampling its own texts", DemoWorkload.CHAT, candidate -> candidate,
            Phase.PROMOTED, null),
    LLM_DRIFT("the same text model, with " + Math.round(LlmDrift.VOCABULARY_SHARE * 100)
            + "% of its generated words swapped for others", DemoWorkload.CHAT,
            candidate -> candidate.withLlmDrift(LlmDrift.VOCABULARY), Phase.ROLLED_BACK, Gates.SIMILARITY);

    private final String candidate;
    private final DemoWorkload workload;
    private final UnaryOperator<SampleModelOptions> fault;
    private final Phase expectedPhase;
    private final String expectedGate; // null: no gate may fail

    DemoScenario(String candidate, DemoWorkload workload, UnaryOperator<SampleModelOptions> fault,
                 Phase expectedPhase, String expectedGate) {
        this.candidate = candidate;
        this.workload = workload;
        this.fault = fault;
        this.expectedPhase = expectedPhase;
        this.expectedGate = expectedGate;
    }

    /** The scenario named as on the command line: {@code good}, {@code llm-drift}, ... (case ignored). */
    static DemoScenario named(String name) {
        String wanted = name.trim().toLowerCase(Locale.ROOT);
        for (DemoScenario scenario : values()) {
            if (scenario.optionValue().equals(wanted)) {
                return scenario;
            }
        }
        throw new IllegalArgumentException("unknown scenario \"" + name + "\" (expected: one of "
                + Arrays.stream(values()).map(DemoScenario::optionValue).toList() + ")");
    }

    /** What the clients send, and how it is compared. */
    DemoWorkload workload() {
        return workload;
    }

    /** The stable model's options: variant v1, as the workload wants it (a realistic latency, a token pace). */
    SampleModelOptions stableOptions(int port) {
        return workload.model(SampleModelOptions.defaults().withPort(port));
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

    /** The name as typed on the command line: {@code good}, {@code llm-drift}. */
    String optionValue() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
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
