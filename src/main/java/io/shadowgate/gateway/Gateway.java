package io.shadowgate.gateway;

import io.shadowgate.gateway.VersionProvider;
import static io.netty.handler.codec.http.HttpMethod.GET;
import static io.netty.handler.codec.http.HttpMethod.POST;
import static java.util.Objects.requireNonNull;

import io.netty.channel.EventLoopGroup;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.resolver.dns.DnsAddressResolverGroup;
import io.netty.resolver.dns.DnsServerAddressStreamProviders;
import io.shadowgate.admin.AdminRoute;
import io.shadowgate.admin.AdminRoutes;
import io.shadowgate.admin.AdminServer;
import io.shadowgate.admin.HealthzRoute;
import io.shadowgate.admin.MetricsRoute;
import io.shadowgate.admin.MismatchSummaryRoute;
import io.shadowgate.admin.MismatchesRoute;
import io.shadowgate.admin.NoCandidateRoute;
import io.shadowgate.admin.ReadyzRoute;
import io.shadowgate.admin.RolloutCommandRoute;
import io.shadowgate.admin.StatusRoute;
import io.shadowgate.azure.AzureMlTrafficRouter;
import io.shadowgate.azure.OnlineEndpoint;
import io.shadowgate.evidence.MismatchLog;
import io.shadowgate.evidence.RouteNoise;
import io.shadowgate.config.CandidateConfig;
import io.shadowgate.config.RouteTable;
import io.shadowgate.config.ShadowgateConfig;
import io.shadowgate.config.UpstreamConfig;
import io.shadowgate.metrics.GateThresholdGauges;
import io.shadowgate.metrics.GatewayMeterRegistry;
import io.shadowgate.metrics.StateGauges;
import io.shadowgate.metrics.RejectionRecorder;
import io.shadowgate.metrics.RolloutRecorder;
import io.shadowgate.metrics.UpstreamRecorder;
import io.shadowgate.mirror.Mirror;
import io.shadowgate.mirror.MirrorFanOut;
import io.shadowgate.proxy.AccessLog;
import io.shadowgate.net.HeaderSource;
import io.shadowgate.proxy.PrimaryRouting;
import io.shadowgate.proxy.ProxyServer;
import io.shadowgate.net.Transports;
import io.shadowgate.proxy.Upstream;
import io.shadowgate.proxy.UpstreamHealth;
import io.shadowgate.proxy.UpstreamPool;
import io.shadowgate.proxy.UpstreamProber;
import io.shadowgate.proxy.UpstreamTarget;
import io.shadowgate.rollout.GatedEvidence;
import io.shadowgate.rollout.Phase;
import io.shadowgate.rollout.run.RolloutController;
import io.shadowgate.rollout.run.RolloutRunner;
import io.shadowgate.rollout.TrafficRouter;
import io.shadowgate.rollout.Wilson;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.net.ssl.SSLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One running gateway: the proxy listener, its upstream pool, the admin listener and the metrics
 * registry, wired from a validated config. The only place that knows every part; {@link #close}
 * drains the proxy first, then frees everything in reverse order of creation.
 */
public final class Gateway implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Gateway.class);
    public static final String STABLE = "stable";
    public static final String CANDIDATE = "candidate";
    static final String PRIMARY = "primary";

    private final ShadowgateConfig config;
    /** Names each request's route: the label of the latency and first-byte timers. */
    private final RouteTable routeTable;
    private final GatewayMeterRegistry metrics = new GatewayMeterRegistry();
    private final EventLoopGroup io;
    private final EventLoopGroup adminLoop;
    private final DnsAddressResolverGroup resolver;
    private final Upstream stable;
    private final PrimaryRouting routing;
    private final AzureMlTrafficRouter endpointRouter; // null without azureml.syncTraffic
    private final EndpointLink link;
    private final RouteNoise noise;
    private final List<Mirror> mirrors; // one per candidate, in configured order; empty without any
    private final RolloutParts rollout; // null without a candidate
    private final ProxyServer proxy;
    private final AdminServer admin;
    private final UpstreamProber prober;
    private final Duration readinessWindow;
    private final long startedNanos = System.nanoTime();
    private final AtomicBoolean closed = new AtomicBoolean();
    private InetSocketAddress proxyAddress;
    private InetSocketAddress adminAddress;

    private Gateway(GatewayOptions options, EndpointLink link) throws SSLException {
        this.link = link;
        this.config = link.config();
        routeTable = config.routeTable();
        OnlineEndpoint endpoint = link.endpoint();
        io = Transports.newGroup(ioThreads(config), "shadowgate-io");
        adminLoop = Transports.newGroup(1, "shadowgate-admin");
        resolver = new DnsAddressResolverGroup(Transports.datagramChannel(),
                DnsServerAddressStreamProviders.platformDefault());
        SslContext ssl = options.upstreamSsl() != null ? options.upstreamSsl()
                : SslContextBuilder.forClient().endpointIdentificationAlgorithm("HTTPS").build();
        stable = openUpstream(STABLE, config.stable(), link.stableHeaders(), ssl);
        // Only the rollout's candidate is ever routed to; the others are shadows only.
        Upstream candidate = config.rolloutCandidate()
                .map(driven -> openUpstream(driven.name(), driven.upstream(), link.candidateHeaders(), ssl))
                .orElse(null);
        routing = new PrimaryRouting(stable, candidate, config.rollout().sticky());
        // The noise classifier decides at the rollout's confidence, with the rollout's Wilson bound.
        double confidence = config.rollout().confidence();
        noise = RouteNoise.of(config.routeTable(), (noisy, n) -> Wilson.interval(noisy, n, confidence).lower());
        GatedEvidence evidence = candidate == null ? null : new GatedEvidence(noise::classify);
        mirrors = startMirrors(options, evidence);
        endpointRouter = endpoint != null && endpoint.config().syncTraffic() ? new AzureMlTrafficRouter(endpoint) : null;
        rollout = candidate == null ? null : rolloutParts(candidate, evidence);
        proxy = new ProxyServer(config.server(), io, routing, routeTable, MirrorFanOut.of(mirrors),
                new RejectionRecorder(metrics.registry()),
                config.logging().access() ? ProxyServer.loggerAccessLog() : AccessLog.NONE);
        prober = new UpstreamProber(stable, io.next(), options.probeInterval());
        readinessWindow = options.probeInterval().multipliedBy(3);
        admin = new AdminServer(config.admin(), adminLoop, Transports.serverChannel(), adminRoutes());
    }

    private RolloutParts rolloutParts(Upstream candidate, GatedEvidence evidence) {
        Mirror mirror = mirrors.stream().filter(Mirror::drivesRollout).findFirst().orElseThrow();
        RolloutRunner runner = new RolloutRunner();
        RolloutController controller = new RolloutController(config.rollout(), Clock.systemUTC(), evidence, routers(),
                new RolloutRecorder(metrics.registry(), Arrays.stream(Phase.values()).map(Enum::name).toList()),
                runner.executor(), mirror.candidate().name());
        GateThresholdGauges.register(metrics.registry(), config.rollout().gates());
        return new RolloutParts(candidate, mirror, runner, controller);
    }

    /**
     * One mirror per candidate, each comparing on its own; only the rollout's candidate's feeds the
     * rollout's evidence (and takes the endpoint's token headers, if any).
     */
    private List<Mirror> startMirrors(GatewayOptions options, GatedEvidence evidence) {
        List<Mirror> started = new ArrayList<>();
        String driven = config.rolloutCandidate().map(CandidateConfig::name).orElse("");
        try {
            for (CandidateConfig candidateConfig : config.candidates()) {
                boolean drives = candidateConfig.name().equals(driven);
                started.add(Mirror.start(config, candidateConfig, metrics.registry(), options.upstreamSsl(),
                        drives ? evidence : outcome -> {}, noise, link.stableHeaders(),
                        drives ? link.candidateHeaders() : HeaderSource.fixed(candidateConfig.upstream().headers())));
            }
        } catch (RuntimeException e) {
            started.forEach(Mirror::close);
            throw e;
        }
        return List.copyOf(started);
    }

    /**
     * The endpoint's traffic map first, the gateway's own routing last: the controller raises a
     * weight in this order and cuts it in reverse, so the gateway never runs ahead of the endpoint
     * on the way up and a rollback reaches the gateway at once.
     */
    private List<TrafficRouter> routers() {
        List<TrafficRouter> routers = new ArrayList<>();
        if (endpointRouter != null) {
            routers.add(endpointRouter);
        }
        routers.add(new LocalTrafficRouter(routing));
        return routers;
    }

    /**
     * The admin API, one row per endpoint. Without a candidate the routes that need one stay in
     * the table and answer why there is nothing to see.
     */
    private AdminRoutes adminRoutes() {
        AdminRoute noCandidate = new NoCandidateRoute();
        boolean mirrored = rollout != null;
        RolloutRunner runner = mirrored ? rollout.runner() : null;
        Map<String, MismatchLog> logs = new LinkedHashMap<>();
        Map<String, MismatchSummaryRoute.Candidate> summaries = new LinkedHashMap<>();
        for (Mirror each : mirrors) {
            logs.put(each.candidate().name(), each.mismatches());
            summaries.put(each.candidate().name(), new MismatchSummaryRoute.Candidate(each.mismatches(), each.window()));
        }
        return AdminRoutes.builder()
                .open(GET, "/healthz", new HealthzRoute())
                .open(GET, "/readyz", new ReadyzRoute(this::notReadyReason))
                .open(GET, "/metrics", new MetricsRoute(metrics::scrape))
                .withToken(GET, "/status", new StatusRoute(this::status))
                .withToken(GET, "/mismatches", mirrored ? new MismatchesRoute(logs, noise.routes()) : noCandidate)
                .withToken(GET, "/mismatches/summary", mirrored
                        ? new MismatchSummaryRoute(summaries, rollout.mirror().candidate().name(), noise) : noCandidate)
                .withToken(POST, "/rollout/promote", mirrored ? RolloutCommandRoute.promote(runner) : noCandidate)
                .withToken(POST, "/rollout/rollback", mirrored ? RolloutCommandRoute.rollback(runner) : noCandidate)
                .withToken(POST, "/rollout/pause", mirrored ? RolloutCommandRoute.pause(runner) : noCandidate)
                .withToken(POST, "/rollout/resume", mirrored ? RolloutCommandRoute.resume(runner) : noCandidate)
                .withToken(POST, "/rollout/restart", mirrored ? RolloutCommandRoute.restart(runner) : noCandidate)
                .build();
    }

    /** The pool, recorder and health of one upstream in the primary role, with its connection gauge. */
    private Upstream openUpstream(String name, UpstreamConfig upstreamConfig, HeaderSource headers, SslContext ssl) {
        UpstreamTarget target = UpstreamTarget.of(name, upstreamConfig);
        UpstreamPool pool = new UpstreamPool(target, upstreamConfig.maxConnections(), upstreamConfig.connectTimeout(),
                ssl, resolver, io);
        StateGauges.upstreamConnections(metrics.registry(), name, pool::openConnections);
        return new Upstream(target, pool, headers, upstreamConfig.timeout(), upstreamConfig.firstByteTimeout(),
                upstreamConfig.idleTimeout(), new UpstreamRecorder(metrics.registry(), name, PRIMARY, routeTable.labels()),
                new UpstreamHealth(name));
    }

    /**
     * One I/O thread per core unless configured, but never more threads than upstream connections:
     * each thread owns a share of each upstream's {@code maxConnections}, and a thread without one
     * could not serve its clients.
     */
    private static int ioThreads(ShadowgateConfig config) {
        int wanted = config.server().ioThreads() > 0 ? config.server().ioThreads()
                : Runtime.getRuntime().availableProcessors();
        int connections = config.candidate().map(c -> Math.min(c.maxConnections(), config.stable().maxConnections()))
                .orElse(config.stable().maxConnections());
        int threads = Math.min(wanted, connections);
        if (threads < wanted) {
            log.info("using {} I/O threads instead of {}: the smallest upstream maxConnections is {}", threads, wanted,
                    connections);
        }
        return threads;
    }

    /**
     * Builds and starts a gateway; on failure everything already started is closed again. With an
     * {@code azureml} section this first reads the endpoint (blocking) for any upstream that takes
     * its scoring URI.
     *
     * @throws io.shadowgate.azure.AzureMlException when the endpoint is needed and cannot be used
     */
    public static Gateway start(ShadowgateConfig config, GatewayOptions options) throws Exception {
        for (String warning : config.warnings()) {
            log.warn("config: {}", warning);
        }
        EndpointLink link = EndpointLink.open(config, options);
        Gateway gateway;
        try {
            gateway = new Gateway(options, link);
        } catch (RuntimeException | SSLException e) {
            link.close();
            throw e;
        }
        try {
            if (gateway.rollout != null) {
                // Before the proxy listens: the first request already sees a resumed canary weight.
                gateway.rollout.runner().start(gateway.rollout.controller(), config.rollout().tick());
            }
            gateway.proxyAddress = gateway.proxy.start();
            gateway.adminAddress = gateway.admin.start();
            gateway.prober.start();
            return gateway;
        } catch (Exception e) {
            gateway.close();
            throw e;
        }
    }

    public static Gateway start(ShadowgateConfig config) throws Exception {
        return start(config, GatewayOptions.defaults());
    }

    public int proxyPort() {
        return proxyAddress.getPort();
    }

    public int adminPort() {
        return adminAddress.getPort();
    }

    public GatewayMeterRegistry metrics() {
        return metrics;
    }

    public ShadowgateConfig config() {
        return config;
    }

    private Optional<String> notReadyReason() {
        if (!proxy.listening()) {
            return Optional.of("the proxy is not listening");
        }
        if (!stable.health().answeredWithin(readinessWindow)) {
            return Optional.of(stable.health().describeFailure(readinessWindow));
        }
        return Optional.empty();
    }

    /** The body of {@code GET /status}; header values and tokens never appear in it. */
    private Map<String, Object> status() {
        Map<String, Object> stableStatus = new LinkedHashMap<>();
        stableStatus.put("url", stable.target().toString());
        stableStatus.put("ready", stable.health().answeredWithin(readinessWindow));
        stableStatus.put("openConnections", stable.pool().openConnections());
        stableStatus.put("maxConnections", config.stable().maxConnections());
        Map<String, Object> proxyStatus = new LinkedHashMap<>();
        proxyStatus.put("listening", proxy.listening());
        proxyStatus.put("port", proxyAddress == null ? null : proxyAddress.getPort());
        proxyStatus.put("openConnections", proxy.openConnections());
        Map<String, Object> status = new LinkedHashMap<>();
        status.put("version", VersionProvider.version());
        status.put("uptimeSeconds", Duration.ofNanos(System.nanoTime() - startedNanos).toSeconds());
        status.put("ready", notReadyReason().isEmpty());
        status.put("proxy", proxyStatus);
        Map<String, Object> upstreams = new LinkedHashMap<>();
        upstreams.put(STABLE, stableStatus);
        if (rollout != null) {
            upstreams.put("candidate", candidateStatus(rollout.mirror())); // the rollout's, as before there were several
            Map<String, Object> candidates = new LinkedHashMap<>();
            mirrors.forEach(each -> candidates.put(each.candidate().name(), candidateStatus(each)));
            upstreams.put("candidates", candidates);
        }
        status.put("upstreams", upstreams);
        config.azureml().ifPresent(azureml -> {
            Map<String, Object> endpoint = new LinkedHashMap<>();
            endpoint.put("endpoint", azureml.endpoint());
            endpoint.put("workspace", azureml.workspace());
            endpoint.put("stableDeployment", azureml.stableDeployment());
            endpoint.put("candidateDeployment", azureml.candidateDeployment());
            endpoint.put("syncTraffic", azureml.syncTraffic());
            status.put("azureml", endpoint);
        });
        status.put("rollout", rollout == null ? null : rollout.runner().status());
        return status;
    }

    private static Map<String, Object> candidateStatus(Mirror mirror) {
        Map<String, Object> candidateStatus = new LinkedHashMap<>();
        candidateStatus.put("name", mirror.candidate().name());
        candidateStatus.put("url", mirror.candidate().upstream().url().toString());
        candidateStatus.put("rollout", mirror.drivesRollout());
        candidateStatus.put("shadowPercent", mirror.candidate().shadowPercent());
        candidateStatus.put("shadowInFlight", mirror.sink().inFlight());
        candidateStatus.put("maxInFlight", mirror.maxInFlight());
        candidateStatus.put("matchRate", mirror.window().counts().comparisons() == 0 ? null : mirror.window().rate());
        return candidateStatus;
    }

    /**
     * Graceful stop: refuses new connections, lets requests in flight finish within the drain
     * timeout, then closes everything. Blocks; call it from a plain thread.
     */
    public void shutdown() throws InterruptedException {
        Duration drain = config.server().drainTimeout();
        log.info("draining: waiting up to {} ms for requests in flight", drain.toMillis());
        boolean drained = proxy.drain(drain);
        if (!drained) {
            log.warn("drain timeout reached with {} connections still open; closing them", proxy.openConnections());
        }
        close();
    }

    /** Frees everything; safe to call more than once (shutdown() ends with it, try-with-resources again). */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        if (rollout != null) {
            rollout.runner().close(); // no transition starts while the rest goes down
        }
        if (endpointRouter != null) {
            endpointRouter.close();
        }
        link.close();
        prober.close();
        proxy.close();
        mirrors.forEach(Mirror::close); // after the proxy: exchanges it cut are abandoned before the client goes
        admin.close();
        stable.pool().close();
        if (rollout != null) {
            rollout.candidate().pool().close();
        }
        resolver.close();
        io.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
        adminLoop.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
        metrics.close();
    }
}
