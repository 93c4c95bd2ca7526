package io.shadowgate.config;

import static java.util.Objects.requireNonNull;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * How the candidate moves from shadow through canary stages to full promotion, or back.
 *
 * @param auto false: stages advance only through {@code POST /rollout/promote}
 * @param stages the candidate's share of live traffic in each canary stage, strictly increasing, ending at 100
 * @param shadowBake minimum time in the shadow stage
 * @param bake minimum time in each canary stage
 * @param maxBake a stage still inconclusive after this is handled by {@code onInconclusive}
 * @param onInconclusive what to do then
 * @param minSamples comparisons needed in a stage before it can pass
 * @param confidence of the intervals the gates use, e.g. 0.95
 * @param gates the thresholds
 * @param sticky when present, a key keeps its variant while the weight does not change
 * @param stateFile where the phase and weight survive a restart
 * @param auditLog where every transition is appended as one JSON line
 * @param webhooks URLs that receive a JSON POST on every transition
 * @param tick how often the controller judges the evidence
 * @param candidate the name of the candidate the rollout drives; empty: the first (or only) one
 */
public record RolloutConfig(boolean auto, List<Integer> stages, Duration shadowBake, Duration bake, Duration maxBake,
                            OnInconclusive onInconclusive, int minSamples, double confidence, Gates gates,
                            Optional<RequestKey> sticky, Path stateFile, Path auditLog, List<URI> webhooks,
                            Duration tick, Optional<String> candidate) {
    public enum OnInconclusive { HOLD, ROLLBACK }

    /**
     * @param minMatchRate the match rate's lower confidence bound must reach this to pass
     * @param maxErrorRateIncrease candidate error rate minus stable error rate, at most
     * @param maxLatencyIncrease candidate p99 / stable p99 - 1 on paired latencies, at most
     * @param latencyMeasure which latency {@code maxLatencyIncrease} is about
     * @param maxSimilarityDrop for answers compared by a score: how much lower than stable's own
     *     (stable against itself) the candidate's mean score may be, 0..1
     */
    public record Gates(double minMatchRate, double maxErrorRateIncrease, double maxLatencyIncrease,
                        LatencyMeasure latencyMeasure, double maxSimilarityDrop) {
        /** The default {@code maxSimilarityDrop}. */
        public static final double DEFAULT_MAX_SIMILARITY_DROP = 0.05;

        public Gates {
            requireNonNull(latencyMeasure, "latencyMeasure");
        }

        /** Total latency, and the default similarity margin. */
        public Gates(double minMatchRate, double maxErrorRateIncrease, double maxLatencyIncrease) {
            this(minMatchRate, maxErrorRateIncrease, maxLatencyIncrease, LatencyMeasure.TOTAL,
                    DEFAULT_MAX_SIMILARITY_DROP);
        }
    }

    public RolloutConfig {
        stages = List.copyOf(stages);
        requireNonNull(shadowBake, "shadowBake");
        requireNonNull(bake, "bake");
        requireNonNull(maxBake, "maxBake");
        requireNonNull(onInconclusive, "onInconclusive");
        requireNonNull(gates, "gates");
        requireNonNull(sticky, "sticky");
        requireNonNull(stateFile, "stateFile");
        requireNonNull(auditLog, "auditLog");
        webhooks = List.copyOf(webhooks);
        requireNonNull(tick, "tick");
        requireNonNull(candidate, "candidate");
    }

    /** Driving the first (or only) candidate. */
    public RolloutConfig(boolean auto, List<Integer> stages, Duration shadowBake, Duration bake, Duration maxBake,
                         OnInconclusive onInconclusive, int minSamples, double confidence, Gates gates,
                         Optional<RequestKey> sticky, Path stateFile, Path auditLog, List<URI> webhooks, Duration tick) {
        this(auto, stages, shadowBake, bake, maxBake, onInconclusive, minSamples, confidence, gates, sticky, stateFile,
                auditLog, webhooks, tick, Optional.empty());
    }

    /**
     * Where a webhook goes, for logs: its scheme and authority only. Chat webhooks (Slack, Teams,
     * Discord) carry their secret in the path, and anyone who has it can post to the channel.
     */
    public static String webhookOrigin(URI webhook) {
        String path = webhook.getRawPath();
        return webhook.getScheme() + "://" + webhook.getRawAuthority()
                + (path == null || path.isEmpty() || path.equals("/") ? "" : "/...");
    }

    /** Webhooks are shown by {@link #webhookOrigin}: configurations end up in logs. */
    @Override
    public String toString() {
        return "RolloutConfig[auto=" + auto + ", stages=" + stages + ", shadowBake=" + shadowBake + ", bake=" + bake
                + ", maxBake=" + maxBake + ", onInconclusive=" + onInconclusive + ", minSamples=" + minSamples
                + ", confidence=" + confidence + ", gates=" + gates + ", sticky=" + sticky + ", stateFile=" + stateFile
                + ", auditLog=" + auditLog + ", webhooks=" + webhooks.stream().map(RolloutConfig::webhookOrigin).toList()
                + ", tick=" + tick + ", candidate=" + candidate + "]";
    }

    /** These settings with the state file and the audit log elsewhere. */
    public RolloutConfig withFiles(Path stateFile, Path auditLog) {
        return new RolloutConfig(auto, stages, shadowBake, bake, maxBake, onInconclusive, minSamples, confidence,
                gates, sticky, stateFile, auditLog, webhooks, tick, candidate);
    }
}
