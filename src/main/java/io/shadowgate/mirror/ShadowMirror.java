package io.shadowgate.mirror;

import static java.util.Objects.requireNonNull;

import io.netty.buffer.ByteBuf;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaders;
import io.shadowgate.config.RequestKey;
import io.shadowgate.config.RouteConfig;
import io.shadowgate.config.RouteTable;
import io.shadowgate.metrics.ShadowOutcome;
import io.shadowgate.metrics.ShadowRecorder;
import io.shadowgate.metrics.UpstreamRecorder;
import io.shadowgate.mirror.LegResult.Ending;
import io.shadowgate.proxy.MirrorSink;
import io.shadowgate.proxy.PrimaryObserver;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Consumer;

/**
 * The {@link MirrorSink} the proxy talks to. On the client's event loop it only decides: sample
 * the request, find its route, skip a body over the limit, take an in-flight permit or shed; then it retains the
 * body (by reference count, never copied), copies the headers and queues the send on the mirror's
 * loop. The pair's judgement runs on the comparison thread. Each sampled request is counted once
 * as sampled and once by its outcome, which keeps {@code sampled = sum(outcomes)} exact.
 */
public final class ShadowMirror implements MirrorSink {
    /** Marks every mirrored request, so a candidate can tell shadow traffic from live traffic. */
    public static final String SHADOW_HEADER = "X-Shadowgate-Shadow";

    private final RouteTable routes;
    private final Sampler sampler;
    private final InFlightLimit limit;
    private final long maxBodyBytes;
    private final double noisePercent;
    private final MirrorClient client;
    private final ShadowTarget candidate;
    private final ShadowTarget stable;
    private final UpstreamRecorder candidateRecorder;
    private final UpstreamRecorder stableShadowRecorder;
    private final UpstreamRecorder noiseRecorder;
    private final ShadowRecorder recorder;
    private final ExecutorService judgeThread;
    private final PairJudge judge;

    ShadowMirror(Settings settings, MirrorClient client, ShadowRecorder recorder, ExecutorService judgeThread,
                 PairJudge judge) {
        this.routes = requireNonNull(settings.routes(), "routes");
        this.sampler = new Sampler(settings.percent(), settings.stickyKey());
        this.limit = settings.limit();
        this.maxBodyBytes = settings.maxBodyBytes();
        this.noisePercent = settings.noisePercent();
        this.candidate = settings.candidate();
        this.stable = settings.stable();
        this.candidateRecorder = settings.candidateRecorder();
        this.stableShadowRecorder = settings.stableShadowRecorder();
        this.noiseRecorder = settings.noiseRecorder();
        this.client = requireNonNull(client, "client");
        this.recorder = requireNonNull(recorder, "recorder");
        this.judgeThread = requireNonNull(judgeThread, "judgeThread");
        this.judge = requireNonNull(judge, "judge");
    }

    /**
     * What the mirror is told at construction, gathered so the constructor stays readable. The
     * recorders time legs by route, so they must know every label of {@code routes}.
     */
    record Settings(RouteTable routes, double percent, Optional<RequestKey> stickyKey, InFlightLimit limit,
                    long maxBodyBytes, double noisePercent, ShadowTarget candidate, ShadowTarget stable,
                    UpstreamRecorder candidateRecorder, UpstreamRecorder stableShadowRecorder,
                    UpstreamRecorder noiseRecorder) {}

    @Override
    public PrimaryObserver mirror(FullHttpRequest request, String requestId, boolean candidateServes) {
        if (!sampler.sample(request.headers())) {
            return PrimaryObserver.NONE;
        }
        RouteConfig route = routes.route(request.method().name(), request.uri());
        recorder.sampled(route.label());
        ByteBuf body = request.content();
        if (body.readableBytes() > maxBodyBytes) {
            recorder.ended(route.label(), ShadowOutcome.SKIPPED);
            return PrimaryObserver.NONE;
        }
        if (!limit.tryAcquire()) {
            recorder.ended(route.label(), ShadowOutcome.SHED);
            return PrimaryObserver.NONE;
        }
        int noiseCopies = noiseCopies(candidateServes);
        String method = request.method().name();
        String uri = request.uri();
        MirroredRequest pair = new MirroredRequest(requestId, method, uri, body.retainedDuplicate(), maxBodyBytes,
                candidateServes, noiseCopies, allIn -> allIn(allIn, route));
        String label = route.label();
        HttpHeaders headers = request.headers();
        // During a canary the candidate may be the primary: then the copy goes to stable.
        MirrorClient.Copy copy = new MirrorClient.Copy(candidateServes ? stable : candidate, headers.copy(),
                body.retainedDuplicate(), recording(candidateServes ? stableShadowRecorder : candidateRecorder,
                label, pair::shadowDone));
        if (noiseCopies == 0) {
            client.send(copy, method, uri);
            return pair;
        }
        // The noise copies' latencies are compared with the copy's, request by request: all go at once.
        List<MirrorClient.Copy> copies = new ArrayList<>(3);
        copies.add(copy);
        copies.add(new MirrorClient.Copy(stable, headers.copy(), body.retainedDuplicate(),
                recording(noiseRecorder, label, pair::noiseDone)));
        if (noiseCopies == 2) {
            copies.add(new MirrorClient.Copy(stable, headers.copy(), body.retainedDuplicate(),
                    recording(noiseRecorder, label, pair::secondNoiseDone)));
        }
        client.sendTogether(copies, method, uri);
        return pair;
    }

    /**
     * How many stable noise copies go with this request: one for {@code noisePercent} of them. When
     * stable serves, half of them (at random) bring a second one, so that stable is timed against
     * itself (the host's noise) exactly as the candidate's copy is timed against a noise copy; when
     * the candidate serves, its copy to stable and the noise copy already do that.
     */
    private int noiseCopies(boolean candidateServes) {
        if (!Sampler.draw(noisePercent)) {
            return 0;
        }
        return !candidateServes && ThreadLocalRandom.current().nextBoolean() ? 2 : 1;
    }

    /**
     * Counts the leg as an exchange with its upstream, and times an answer's head and end under the
     * request's route, whatever the pair's outcome turns out to be.
     */
    private static Consumer<LegResult> recording(UpstreamRecorder upstream, String route, Consumer<LegResult> next) {
        return result -> {
            if (result.answered()) {
                upstream.answered(result.status(), result.nanos(), route);
                if (result.firstByteNanos() > 0) { // 0: the head's time is not known
                    upstream.firstByte(result.firstByteNanos(), route);
                }
            } else if (result.ending() != Ending.SHED && result.ending() != Ending.TOO_LARGE) {
                upstream.failed();
            }
            next.accept(result);
        };
    }

    private void allIn(MirroredRequest pair, RouteConfig route) {
        try {
            judgeThread.execute(() -> judge.judge(pair, route));
        } catch (RejectedExecutionException shuttingDown) {
            judge.abandon(pair, route);
        }
    }

    /** Shadow requests sent or waiting for judgement now. */
    public int inFlight() {
        return limit.inFlight();
    }
}
