package io.shadowgate.ops;

import io.shadowgate.gateway.Gateway;
import io.shadowgate.config.RolloutConfig;
import io.shadowgate.config.ShadowgateConfig;
import io.shadowgate.sample.IrisDataset;
import io.shadowgate.sample.ModelVariant;
import io.shadowgate.sample.SampleModelOptions;
import io.shadowgate.sample.SampleModelServer;
import io.shadowgate.testing.Http1;
import io.shadowgate.testing.TestConfigs;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What a dashboard watches, in one JVM on loopback: two sample models (the candidate predicts 10% of
 * rows differently and answers 2% of requests with a 500), a gateway mirroring every request and
 * asking stable twice for 10% of them (the noise baseline), and steady traffic from two client
 * threads. The gates are wide open and {@code auto} off, so the rollout moves only when the test
 * says so: every transition on the dashboard is one the test made.
 */
final class MonitoredGateway implements AutoCloseable {
    private final SampleModelServer stable;
    private final SampleModelServer candidate;
    private final Gateway gateway;
    private final HttpClient client = Http1.client();
    private final ExecutorService traffic = Executors.newFixedThreadPool(2);
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final AtomicLong answered = new AtomicLong();

    private MonitoredGateway(SampleModelServer stable, SampleModelServer candidate, Gateway gateway) {
        this.stable = stable;
        this.candidate = candidate;
        this.gateway = gateway;
    }

    static MonitoredGateway start() throws Exception {
        SampleModelOptions loopback = SampleModelOptions.defaults().withHost("127.0.0.1").withPort(0);
        SampleModelServer stable = SampleModelServer.start(loopback);
        SampleModelServer candidate = null;
        try {
            candidate = SampleModelServer.start(loopback.withVariant(ModelVariant.V1).withDrift(0.1).withErrorRate(0.02));
            ShadowgateConfig mirrored = TestConfigs.mirrored(stable.baseUrl(), Map.of(), candidate.baseUrl(), Map.of(),
                    Duration.ofSeconds(5), TestConfigs.shadow(100, 64), TestConfigs.compare(10, List.of()));
            RolloutConfig rollout = mirrored.rollout();
            ShadowgateConfig config = mirrored.withRollout(new RolloutConfig(false, rollout.stages(), Duration.ofHours(1),
                    Duration.ofHours(1), Duration.ofHours(2), rollout.onInconclusive(), rollout.minSamples(),
                    rollout.confidence(), new RolloutConfig.Gates(0, 1, 100), rollout.sticky(), rollout.stateFile(),
                    rollout.auditLog(), rollout.webhooks(), Duration.ofMillis(250)));
            MonitoredGateway running = new MonitoredGateway(stable, candidate, Gateway.start(config));
            running.startTraffic();
            return running;
        } catch (Exception e) {
            stable.close();
            if (candidate != null) {
                candidate.close();
            }
            throw e;
        }
    }

    private void startTraffic() {
        URI score = URI.create("http://127.0.0.1:" + gateway.proxyPort() + "/score");
        for (int thread = 0; thread < 2; thread++) {
            int first = thread * 50;
            traffic.execute(() -> {
                int row = first;
                while (running.get()) {
                    try {
                        HttpRequest request = HttpRequest.newBuilder(score).timeout(Duration.ofSeconds(5))
                                .header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString(IrisDataset.scoreRequestBody(row % 140, 3)))
                                .build();
                        client.send(request, HttpResponse.BodyHandlers.discarding());
                        answered.incrementAndGet();
                        row++;
                        Thread.sleep(10);
                    } catch (InterruptedException e) {
                        return;
                    } catch (Exception e) {
                        // The gateway is closing, or a request failed: the metrics count it, traffic goes on.
                    }
                }
            });
        }
    }

    long answered() {
        return answered.get();
    }

    int adminPort() {
        return gateway.adminPort();
    }

    String scrape() {
        return gateway.metrics().scrape();
    }

    /** An admin command, e.g. {@code POST /rollout/promote}; returns the status code. */
    int admin(String method, String path) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + gateway.adminPort() + path))
                .method(method, HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.discarding())
                .statusCode();
    }

    @Override
    public void close() throws InterruptedException {
        running.set(false);
        traffic.shutdownNow();
        traffic.awaitTermination(10, TimeUnit.SECONDS);
        gateway.close();
        candidate.close();
        stable.close();
    }
}
