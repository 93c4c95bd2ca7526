package io.shadowgate.demo;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * The demo's clients: a steady stream of requests (the workload's: Iris rows, or streamed chat
 * completions), sent through the gateway's proxy port as a user's application would send them. Open loop: a timer releases
 * {@code rate} requests a second whatever the answers do, as independent users would, and sends
 * them asynchronously, so the rate holds with a few connections and two threads. At most
 * {@value #MAX_IN_FLIGHT} requests wait for an answer; a request the timer cannot send is counted
 * as not sent rather than queued, so a stalled gateway is visible instead of hidden in a backlog.
 */
final class DemoTraffic implements AutoCloseable {
    private static final int MAX_IN_FLIGHT = 64;
    private static final long TICK_MILLIS = 10;
    private static final long MAX_CATCH_UP_MILLIS = 100;
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final URI scoreUrl;
    private final int rate;
    private final List<String> bodies;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(daemon("demo-traffic"));
    private final ExecutorService clientThreads = Executors.newFixedThreadPool(2, daemon("demo-client"));
    // HTTP/1.1: the JDK client's default (HTTP/2) would ask a cleartext server to upgrade on every new connection.
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(TIMEOUT).executor(clientThreads).build();
    private final Semaphore inFlight = new Semaphore(MAX_IN_FLIGHT);
    private final AtomicInteger nextRow = new AtomicInteger();
    private final LongAdder sent = new LongAdder();
    private final LongAdder ok = new LongAdder();
    private final LongAdder notOk = new LongAdder();
    private final LongAdder failed = new LongAdder();
    private final LongAdder notSent = new LongAdder();
    private long due; // requests released by the timer so far, fractional rates carried over

    /** What the clients saw so far. */
    record Counts(long sent, long ok, long notOk, long failed, long notSent) {
        @Override
        public String toString() {
            return sent + " requests sent: " + ok + " answered 2xx, " + notOk + " another status, " + failed
                    + " failed without an answer" + (notSent == 0 ? "" : "; " + notSent + " not sent (the client was behind)");
        }
    }

    DemoTraffic(int proxyPort, int rate, DemoWorkload workload) {
        if (rate < 1) {
            throw new IllegalArgumentException("rate " + rate + " (expected: >= 1)");
        }
        this.scoreUrl = URI.create("http://127.0.0.1:" + proxyPort + workload.path());
        this.rate = rate;
        this.bodies = workload.bodies();
    }

    URI scoreUrl() {
        return scoreUrl;
    }

    int rate() {
        return rate;
    }

    /** Starts sending; returns at once. */
    void start() {
        long startNanos = System.nanoTime();
        timer.scheduleAtFixedRate(() -> release(startNanos), 0, TICK_MILLIS, TimeUnit.MILLISECONDS);
    }

    /**
     * Sends what the rate owes since the start, so a timer that wakes late catches up instead of
     * losing requests; but by at most {@value #MAX_CATCH_UP_MILLIS} ms of traffic, as a larger burst
     * after a pause (a JVM warming up, a GC) would measure the burst rather than the models.
     */
    private void release(long startNanos) {
        long owed = (System.nanoTime() - startNanos) * rate / 1_000_000_000L + 1;
        long maxBurst = Math.max(1, rate * MAX_CATCH_UP_MILLIS / 1000);
        if (owed - due > maxBurst) {
            notSent.add(owed - due - maxBurst);
            due = owed - maxBurst;
        }
        for (; due < owed; due++) {
            if (!inFlight.tryAcquire()) {
                notSent.increment();
                continue;
            }
            sent.increment();
            String body = bodies.get(Math.floorMod(nextRow.getAndIncrement(), bodies.size()));
            HttpRequest request = HttpRequest.newBuilder(scoreUrl).timeout(TIMEOUT)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build();
            client.sendAsync(request, HttpResponse.BodyHandlers.discarding()).whenComplete((response, failure) -> {
                inFlight.release();
                if (failure != null) {
                    failed.increment();
                } else if (response.statusCode() / 100 == 2) {
                    ok.increment();
                } else {
                    notOk.increment();
                }
            });
        }
    }

    Counts counts() {
        return new Counts(sent.sum(), ok.sum(), notOk.sum(), failed.sum(), notSent.sum());
    }

    /**
     * Stops sending and gives the requests in flight a moment to end, so that the gateway closing
     * next does not turn them into failures the demo would then report.
     */
    @Override
    public void close() {
        timer.shutdownNow();
        try {
            timer.awaitTermination(1, TimeUnit.SECONDS);
            inFlight.tryAcquire(MAX_IN_FLIGHT, 2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            clientThreads.shutdownNow();
        }
    }

    private static ThreadFactory daemon(String name) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, name + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
