package io.shadowgate.demo;

import io.shadowgate.config.AdminConfig;
import io.shadowgate.config.CompareConfig;
import io.shadowgate.config.ConfigLoader;
import io.shadowgate.config.RolloutConfig;
import io.shadowgate.config.ServerConfig;
import io.shadowgate.config.ShadowgateConfig;
import io.shadowgate.config.UpstreamConfig;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The gateway configuration {@code shadowgate demo} runs: the shipped defaults, on loopback, with
 * every request mirrored and the rollout's bakes shortened to the demo's {@link DemoTimings}.
 * The gates, the confidence, {@code minSamples} and the stages are the defaults a user gets, so
 * the demo shows the real judgement, only faster.
 */
final class DemoConfig {
    static final String STATE_FILE = "state.json";
    static final String AUDIT_LOG = "audit.jsonl";
    private static final Duration CANDIDATE_TIMEOUT = Duration.ofSeconds(10);

    private DemoConfig() {}

    /**
     * The compare section stays at its defaults (absolute tolerance 1e-6): the candidate is the
     * same model, so an undrifted row comes back with the very same probabilities, while a drifted
     * row has them rotated between classes, a difference of the order of the probabilities
     * themselves. One default changes: a share of requests also send a stable copy through the
     * mirror ({@link DemoWorkload#noisePercent()}), so that the latency gate has both sides timed by
     * the same client in shadow and the slow scenario is judged there (without them it would be
     * judged at 5%), and the similarity gate has stable's own scores. The chat workload adds its route.
     */
    static ShadowgateConfig of(int port, int adminPort, String stableUrl, String candidateUrl, DemoTimings timings,
                               Path stateDir, DemoWorkload workload) {
        ShadowgateConfig defaults = ConfigLoader.defaults();
        ServerConfig server = defaults.server();
        UpstreamConfig stable = defaults.stable();
        CompareConfig compare = defaults.compare().withNoisePercent(workload.noisePercent());
        return new ShadowgateConfig(
                new ServerConfig("127.0.0.1", port, server.maxRequestBytes(), server.maxHeaderBytes(),
                        server.idleTimeout(), Duration.ofSeconds(2), server.ioThreads()),
                new AdminConfig("127.0.0.1", adminPort, ""),
                new UpstreamConfig(URI.create(stableUrl), stable.headers(), stable.connectTimeout(), stable.timeout(),
                        stable.maxConnections()))
                .withCandidate(new UpstreamConfig(URI.create(candidateUrl), stable.headers(), stable.connectTimeout(),
                        CANDIDATE_TIMEOUT, stable.maxConnections()), defaults.shadow(), compare)
                .withRollout(rollout(defaults.rollout(), timings, stateDir))
                .withRoutes(workload.routes(compare));
    }

    /**
     * A stage still undecided at maxBake is held, as the shipped default does: on a busy machine
     * the evidence may not settle in a minute, and rolling an identical candidate back for that
     * would be a wrong verdict. The demo ends there and says so ({@link DemoLiveView}).
     */
    private static RolloutConfig rollout(RolloutConfig defaults, DemoTimings timings, Path stateDir) {
        return new RolloutConfig(true, defaults.stages(), timings.bake(), timings.bake(), timings.maxBake(),
                RolloutConfig.OnInconclusive.HOLD, defaults.minSamples(), defaults.confidence(), defaults.gates(),
                Optional.empty(), stateDir.resolve(STATE_FILE), stateDir.resolve(AUDIT_LOG), List.of(), timings.tick());
    }
}
