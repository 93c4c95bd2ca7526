package io.shadowgate.mirror;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.shadowgate.proxy.HeaderSource;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A candidate's copy and a stable noise copy are timed against each other, so neither may always
 * go out second: on a starved machine the loop can lose the CPU between the two sends, and the
 * second would be slower every time. A real server on loopback notes which copy of each pair
 * arrived first.
 */
class CopiesSentTogetherTest {
    private static final int PAIRS = 200;

    private HttpServer server;
    private final List<String> arrivals = new ArrayList<>();
    private MirrorClient client;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            synchronized (arrivals) {
                arrivals.add(exchange.getRequestURI().getPath().split("/")[1]);
            }
            byte[] body = "{}".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start(); // one dispatcher thread: requests are taken in the order they arrive
        client = new MirrorClient(Mirror.MirrorLoops.newLoop(), 4, Duration.ofSeconds(2), 1 << 20, null);
    }

    @AfterEach
    void stop() {
        client.close();
        server.stop(0);
    }

    @Test
    void eachPairGoesOutInARandomOrder() throws Exception {
        String base = "http://127.0.0.1:" + server.getAddress().getPort();
        ShadowTarget candidate = new ShadowTarget("candidate", base + "/candidate", HeaderSource.fixed(Map.of()),
                Duration.ofSeconds(5));
        ShadowTarget stable = new ShadowTarget("stable", base + "/stable", HeaderSource.fixed(Map.of()),
                Duration.ofSeconds(5));
        int candidateFirst = 0;
        for (int i = 0; i < PAIRS; i++) {
            CompletableFuture<LegResult> one = new CompletableFuture<>();
            CompletableFuture<LegResult> other = new CompletableFuture<>();
            client.sendTogether(copy(candidate, one), copy(stable, other), "POST", "/score");
            assertThat(one.get(5, TimeUnit.SECONDS).status()).isEqualTo(200);
            assertThat(other.get(5, TimeUnit.SECONDS).status()).isEqualTo(200);
            synchronized (arrivals) {
                assertThat(arrivals).hasSize(2);
                candidateFirst += arrivals.get(0).equals("candidate") ? 1 : 0;
                arrivals.clear();
            }
        }
        // A fair coin lands outside 60..140 of 200 once in about 10^8 runs.
        assertThat(candidateFirst).isBetween(60, 140);
    }

    private static MirrorClient.Copy copy(ShadowTarget target, CompletableFuture<LegResult> done) {
        return new MirrorClient.Copy(target, new DefaultHttpHeaders(),
                Unpooled.copiedBuffer("{}", StandardCharsets.UTF_8), done::complete);
    }
}
