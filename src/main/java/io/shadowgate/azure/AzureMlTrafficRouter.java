package io.shadowgate.azure;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.shadowgate.rollout.TrafficRouter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes each rollout weight into the online endpoint's {@code traffic} map, so that clients
 * calling the endpoint directly see the same split as those calling the gateway.
 *
 * <p>One weight is one read-modify-write of the whole endpoint (a PUT replaces it; a body
 * without {@code mirrorTraffic} would clear it), the long-running operation followed, then reads
 * until the endpoint reports the new split, since Resource Manager's reads lag its writes. Work
 * runs on the router's own thread, never the caller's; the reads are scheduled on it, not slept
 * between. One weight at a time: the controller waits for each before it asks for the next, except
 * a rollback, which may come while a raise is still being applied; the controller then applies the
 * rollback's weight once more after both answered.
 *
 * <p>Transient failures (408, 429, 5xx, I/O) are retried inside one attempt by azure-core's retry
 * policy. A failed attempt then backs off: attempts before the back-off ends fail at once with
 * the last error, so a rollout ticking every few seconds does not hammer Resource Manager with a
 * call that answered 403 a moment ago. The controller keeps the rollout at its last applied
 * weight meanwhile and shows the error.
 */
public final class AzureMlTrafficRouter implements TrafficRouter, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(AzureMlTrafficRouter.class);
    static final Duration FIRST_BACKOFF = Duration.ofSeconds(5);
    static final Duration MAX_BACKOFF = Duration.ofMinutes(5);

    private final OnlineEndpoint endpoint;
    private final Duration waitForTraffic;
    private final Duration pollInterval;
    private final Duration firstBackoff;
    private final Clock clock;
    private final ScheduledExecutorService thread;

    // only touched on the router's thread
    private int failures;
    private Instant notBefore = Instant.MIN;
    private AzureMlException lastFailure;
    private int lastRefused = -1; // the share of the attempt that failed last
    private final Set<String> deploymentsSeen = new HashSet<>();

    public AzureMlTrafficRouter(OnlineEndpoint endpoint) {
        this(endpoint, endpoint.config().waitForTraffic(), endpoint.pollInterval(), FIRST_BACKOFF, Clock.systemUTC());
    }

    AzureMlTrafficRouter(OnlineEndpoint endpoint, Duration waitForTraffic, Duration pollInterval,
                         Duration firstBackoff, Clock clock) {
        this.endpoint = requireNonNull(endpoint, "endpoint");
        this.waitForTraffic = requireNonNull(waitForTraffic, "waitForTraffic");
        this.pollInterval = requireNonNull(pollInterval, "pollInterval");
        this.firstBackoff = requireNonNull(firstBackoff, "firstBackoff");
        this.clock = requireNonNull(clock, "clock");
        this.thread = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread t = new Thread(runnable, "shadowgate-azureml");
            t.setDaemon(true);
            return t;
        });
    }

    @Override
    public String name() {
        return "azureml";
    }

    @Override
    public CompletableFuture<Void> apply(int candidatePercent) {
        TrafficSplit split = new TrafficSplit(endpoint.config().stableDeployment(),
                endpoint.config().candidateDeployment(), candidatePercent);
        CompletableFuture<Void> done = new CompletableFuture<>();
        thread.execute(() -> attempt(split, done));
        return done;
    }

    private void attempt(TrafficSplit split, CompletableFuture<Void> done) {
        Instant now = clock.instant();
        // A cut (a rollback, mostly) is never held back by the failure of a raise before it.
        boolean cut = lastRefused >= 0 && split.candidatePercent() < lastRefused;
        if (now.isBefore(notBefore) && !cut) {
            // The same text on every refused attempt, so status and logs do not change until something does.
            done.completeExceptionally(new AzureMlException(lastFailure.status(), lastFailure.code(),
                    lastFailure.detail() + " (next attempt after " + notBefore.truncatedTo(ChronoUnit.SECONDS) + ")",
                    null, lastFailure));
            return;
        }
        try {
            ObjectNode current = endpoint.read();
            if (split.shownBy(current)) {
                succeeded(done); // already there, e.g. after a restart: no write, no operation to wait for
                return;
            }
            requireDeployment(split.stable(), "stableDeployment");
            requireDeployment(split.candidate(), "candidateDeployment");
            long start = System.nanoTime(); // elapsed time, not the clock, which only paces back-offs
            log.info("endpoint {}: setting traffic {}", endpoint.config().endpoint(), split);
            endpoint.replace(split.applyTo(current), waitForTraffic);
            awaitVisible(split, start, done);
        } catch (RuntimeException e) {
            failed(split, e, done);
        }
    }

    /** Reads until the endpoint reports the split, each read scheduled a poll interval after the last. */
    private void awaitVisible(TrafficSplit split, long start, CompletableFuture<Void> done) {
        try {
            ObjectNode read = endpoint.read();
            if (split.shownBy(read)) {
                log.info("endpoint {}: traffic is now {}", endpoint.config().endpoint(), split);
                succeeded(done);
            } else if (System.nanoTime() - start >= waitForTraffic.toNanos()) {
                throw new AzureMlException("TrafficNotVisible", "endpoint " + endpoint.config().endpoint()
                        + " accepted traffic " + split + " but still reports " + read.path("properties").path("traffic")
                        + " after " + waitForTraffic.toSeconds() + " s (azureml.waitForTraffic)");
            } else {
                thread.schedule(() -> awaitVisible(split, start, done), pollInterval.toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (RuntimeException e) {
            failed(split, e, done);
        }
    }

    private void succeeded(CompletableFuture<Void> done) {
        failures = 0;
        notBefore = Instant.MIN;
        lastRefused = -1;
        done.complete(null);
    }

    private void failed(TrafficSplit split, RuntimeException e, CompletableFuture<Void> done) {
        if (e instanceof AzureMlException failure) {
            failures++;
            lastFailure = failure;
            lastRefused = split.candidatePercent();
            Duration backoff = failure.retryAfter().filter(asked -> asked.compareTo(MAX_BACKOFF) < 0)
                    .orElseGet(() -> backoff(failures));
            notBefore = clock.instant().plus(backoff);
        }
        log.warn("endpoint {}: could not set traffic {}: {}", endpoint.config().endpoint(), split, e.getMessage());
        done.completeExceptionally(e);
    }

    /** Once a deployment was seen it is not looked up again; if it goes, the PUT's own error says so. */
    private void requireDeployment(String name, String key) {
        if (deploymentsSeen.contains(name)) {
            return;
        }
        if (endpoint.deployment(name).isEmpty()) {
            throw new AzureMlException(404, "DeploymentNotFound", "endpoint " + endpoint.config().endpoint()
                    + " has no deployment '" + name + "' (check azureml." + key + ")", null, null);
        }
        deploymentsSeen.add(name);
    }

    private Duration backoff(int failures) {
        Duration backoff = firstBackoff.multipliedBy(1L << Math.min(failures - 1, 16));
        return backoff.compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff;
    }

    /** Stops the router's thread; an update in flight is abandoned (Azure finishes it on its own). */
    @Override
    public void close() {
        thread.shutdownNow();
    }
}
