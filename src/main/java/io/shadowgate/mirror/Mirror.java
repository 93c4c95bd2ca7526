package io.shadowgate.mirror;

import static java.util.Objects.requireNonNull;

import io.micrometer.core.instrument.MeterRegistry;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.epoll.EpollEventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.handler.ssl.SslContext;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.shadowgate.evidence.MatchRateWindow;
import io.shadowgate.evidence.MismatchLog;
import io.shadowgate.evidence.RouteNoise;
import io.shadowgate.compare.Outcome;
import io.shadowgate.config.CandidateConfig;
import io.shadowgate.config.RouteTable;
import io.shadowgate.config.ShadowgateConfig;
import io.shadowgate.config.UpstreamConfig;
import io.shadowgate.metrics.StateGauges;
import io.shadowgate.metrics.ShadowRecorder;
import io.shadowgate.metrics.UpstreamRecorder;
import io.shadowgate.net.HeaderSource;
import io.shadowgate.net.Transports;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The mirror to one candidate, assembled from the configuration: the sink the proxy calls (through
 * {@link MirrorFanOut} when there are several candidates), the shadow client on its
 * own one-thread event loop, the comparison thread, and what the admin API reads (the mismatch
 * log and the match-rate window). Close it after the proxy, so requests still in flight end as
 * abandoned rather than racing a closed client.
 */
public final class Mirror implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Mirror.class);
    static final String CANDIDATE = "candidate";
    static final String STABLE = "stable";
    static final String SHADOW_ROLE = "shadow";
    static final String NOISE_ROLE = "noise";
    /** The role of the upstream that answers the client (the proxy's), for the streamed answers' timings. */
    static final String PRIMARY_ROLE = "primary";

    private final CandidateConfig candidate;
    private final boolean drivesRollout;
    private final int maxInFlight;
    private final ShadowMirror sink;
    private final MirrorClient client;
    private final ExecutorService judgeThread;
    private final MismatchLog mismatches;
    private final MatchRateWindow window;

    private Mirror(CandidateConfig candidate, boolean drivesRollout, int maxInFlight, ShadowMirror sink,
                   MirrorClient client, ExecutorService judgeThread, MismatchLog mismatches, MatchRateWindow window) {
        this.candidate = candidate;
        this.drivesRollout = drivesRollout;
        this.maxInFlight = maxInFlight;
        this.sink = sink;
        this.client = client;
        this.judgeThread = judgeThread;
        this.mismatches = mismatches;
        this.window = window;
    }

    /**
     * Builds the mirror to {@code candidate}, one of {@code config.candidates()}. Only the rollout's
     * candidate sends stable noise copies (the noise baseline and the host-noise latency pairs are
     * stable's, shared by all candidates through {@code noisyPaths}) and is told when it serves.
     *
     * @param ssl the TLS context for https upstreams, or null for the JDK's defaults
     * @param evidence receives what each mirrored request says about the candidate, on the comparison thread
     * @param noise each route's noise baseline, fed on the comparison thread; says which differences are noise
     * @param stableHeaders stable's headers, from a source that may change (renewed tokens)
     * @param candidateHeaders the candidate's headers, likewise
     */
    public static Mirror start(ShadowgateConfig config, CandidateConfig candidate, MeterRegistry registry,
                               SslContext ssl, Consumer<Outcome> evidence, RouteNoise noise,
                               HeaderSource stableHeaders, HeaderSource candidateHeaders) {
        requireNonNull(candidate, "candidate");
        requireNonNull(registry, "registry");
        if (!config.candidates().contains(candidate)) {
            throw new IllegalArgumentException("candidate: " + candidate.name() + " is not one of the configured candidates");
        }
        String name = candidate.name();
        UpstreamConfig upstream = candidate.upstream();
        boolean drivesRollout = config.rolloutCandidate().map(CandidateConfig::name).orElse("").equals(name);
        // The client refuses a request beyond its connection limit only after it was built on the
        // mirror loop; bounding in-flight mirrors by the connections too sheds them earlier and
        // cheaper, on the proxy loop, and keeps one meaning for "shed".
        int maxInFlight = Math.min(config.shadow().maxInFlight(), upstream.maxConnections());
        if (maxInFlight < config.shadow().maxInFlight()) {
            log.info("at most {} shadow requests in flight to {}: its maxConnections ({}) is below shadow.maxInFlight ({})",
                    maxInFlight, name, upstream.maxConnections(), config.shadow().maxInFlight());
        }
        InFlightLimit limit = new InFlightLimit(maxInFlight);
        MismatchLog mismatches = new MismatchLog(config.compare().keepMismatches());
        MatchRateWindow window = new MatchRateWindow(config.compare().window(), System::currentTimeMillis);
        RouteTable routes = config.routeTable();
        ShadowRecorder recorder = new ShadowRecorder(registry, name, routes.labels());
        StateGauges.matchRate(registry, name, config.compare().window(), window::rate);
        StateGauges.shadowInFlight(registry, name, limit::inFlight);
        // The noise copy goes to stable through the same client: one more connection pool, same loop.
        // Each candidate has its own client, loop and comparison thread: a slow one sheds only its own copies.
        int connections = Math.max(upstream.maxConnections(), 1);
        MirrorClient client = new MirrorClient(MirrorLoops.newLoop(), connections, upstream.connectTimeout(),
                config.shadow().maxBodyBytes(), ssl);
        ExecutorService judgeThread = Executors.newSingleThreadExecutor(
                new DefaultThreadFactory("shadowgate-compare-" + name, true));
        // The legs are timed by route, so each recorder registers every route's series up front.
        UpstreamRecorder candidateShadow = new UpstreamRecorder(registry, name, SHADOW_ROLE, routes.labels());
        UpstreamRecorder stableShadow = new UpstreamRecorder(registry, STABLE, SHADOW_ROLE, routes.labels());
        UpstreamRecorder stableNoise = new UpstreamRecorder(registry, STABLE, NOISE_ROLE, routes.labels());
        // Only the rollout's candidate ever answers a client: no other gets series as a primary.
        StreamLegs streams = new StreamLegs(new UpstreamRecorder(registry, STABLE, PRIMARY_ROLE, routes.labels()),
                drivesRollout ? new UpstreamRecorder(registry, name, PRIMARY_ROLE, routes.labels()) : candidateShadow,
                stableShadow, candidateShadow, stableNoise);
        PairJudge judge = new PairJudge(
                new PairJudge.Settings(name, new BodyDecoder(config.shadow().maxBodyBytes()),
                        config.compare().sampleRequestBytes(), config.rollout().gates().latencyMeasure()),
                new RouteComparers(routes, embeddings -> new EmbeddingsClient(client.http(), embeddings)),
                recorder, window, mismatches, requireNonNull(noise, "noise"), limit,
                requireNonNull(evidence, "evidence"), streams);
        ShadowMirror sink = new ShadowMirror(new ShadowMirror.Settings(routes, candidate.shadowPercent(),
                config.shadow().stickyKey(), limit, config.shadow().maxBodyBytes(),
                drivesRollout ? config.compare().noisePercent() : 0,
                ShadowTarget.of(name, upstream, candidateHeaders), ShadowTarget.of(STABLE, config.stable(), stableHeaders),
                candidateShadow, stableShadow, stableNoise), client, recorder, judgeThread, judge);
        log.info("mirroring {}% of requests to candidate {} at {} (at most {} in flight, bodies up to {} bytes compared{})",
                candidate.shadowPercent(), name, upstream.url(), maxInFlight, config.shadow().maxBodyBytes(),
                drivesRollout ? "; the rollout's candidate" : "; shadow only");
        return new Mirror(candidate, drivesRollout, maxInFlight, sink, client, judgeThread, mismatches, window);
    }

    /** The candidate mirrored to. */
    public CandidateConfig candidate() {
        return candidate;
    }

    /** Whether this is the rollout's candidate, the one that may serve live traffic. */
    public boolean drivesRollout() {
        return drivesRollout;
    }

    /** Shadow requests in flight at most. */
    public int maxInFlight() {
        return maxInFlight;
    }

    public ShadowMirror sink() {
        return sink;
    }

    public MismatchLog mismatches() {
        return mismatches;
    }

    public MatchRateWindow window() {
        return window;
    }

    /** Closes the client (requests in flight end as errors and are judged), then the comparison thread. */
    @Override
    public void close() {
        client.close();
        judgeThread.shutdown();
        try {
            judgeThread.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The event loop group kinds async-http-client recognises: epoll on Linux, else NIO. */
    static final class MirrorLoops {
        private MirrorLoops() {}

        @SuppressWarnings("deprecation") // the classic groups are what the client detects its transport by
        static EventLoopGroup newLoop() {
            DefaultThreadFactory threads = new DefaultThreadFactory("shadowgate-mirror", true);
            return Transports.nativeEpoll() ? new EpollEventLoopGroup(1, threads) : new NioEventLoopGroup(1, threads);
        }
    }
}
