package io.shadowgate.mirror;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.shadowgate.net.HeaderSource;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A candidate's copy and stable noise copies are timed against each other, so none may always go
 * out later: on a starved machine the loop can lose the CPU between two sends, and the later one
 * would be slower every time. A real server on loopback notes which copy of each request arrived
 * first.
 */
class CopiesSentTogetherTest {
    private static final int SENDS = 200;

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
    void theCopiesOfOneRequestGoOutInARandomOrder() throws Exception {
        String base = "http://127.0.0.1:" + server.getAddress().getPort();
        List<String> names = List.of("candidate", "stable", "second");
        Map<String, Integer> first = new HashMap<>();
        for (int i = 0; i < SENDS; i++) {
            List<CompletableFuture<LegResult>> done = new ArrayList<>();
            List<MirrorClient.Copy> copies = new ArrayList<>();
            for (String name : names) {
                CompletableFuture<LegResult> leg = new CompletableFuture<>();
                done.add(leg);
                copies.add(copy(new ShadowTarget(name, base + "/" + name, HeaderSource.fixed(Map.of()),
                        Duration.ofSeconds(5)), leg));
            }
            client.sendTogether(copies, "POST", "/score");
            for (CompletableFuture<LegResult> leg : done) {
                assertThat(leg.get(5, TimeUnit.SECONDS).status()).isEqualTo(200);
            }
            synchronized (arrivals) {
                assertThat(arrivals).hasSize(3);
                first.merge(arrivals.get(0), 1, Integer::sum);
                arrivals.clear();
            }
        }
        // Each is first about a third of the time; outside 35..100 of 200 is beyond 4.5 standard deviations.
        assertThat(first.keySet()).containsExactlyInAnyOrderElementsOf(names);
        first.values().forEach(count -> assertThat(count).isBetween(35, 100));
    }

    @Test
    void aCopyTheClientCannotBuildEndsAsAnErrorAndStrandsNoOther() throws Exception {
        String base = "http://127.0.0.1:" + server.getAddress().getPort();
        CompletableFuture<LegResult> good = new CompletableFuture<>();
        CompletableFuture<LegResult> bad = new CompletableFuture<>();
        List<MirrorClient.Copy> copies = new ArrayList<>(List.of(
                copy(new ShadowTarget("stable", base + "/stable", HeaderSource.fixed(Map.of()), Duration.ofSeconds(5)),
                        good),
                copy(new ShadowTarget("candidate", "http://[not-a-host", HeaderSource.fixed(Map.of()),
                        Duration.ofSeconds(5)), bad)));

        client.sendTogether(copies, "POST", "/score");

        assertThat(bad.get(5, TimeUnit.SECONDS).ending()).isEqualTo(LegResult.Ending.ERROR);
        assertThat(good.get(5, TimeUnit.SECONDS).status()).isEqualTo(200);
    }

    private static MirrorClient.Copy copy(ShadowTarget target, CompletableFuture<LegResult> done) {
        return new MirrorClient.Copy(target, new DefaultHttpHeaders(),
                Unpooled.copiedBuffer("{}", StandardCharsets.UTF_8), done::complete);
    }
}
