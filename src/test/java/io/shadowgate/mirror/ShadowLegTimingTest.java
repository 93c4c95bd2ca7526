package io.shadowgate.mirror;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.shadowgate.compare.Arrivals;
import io.shadowgate.net.HeaderSource;
import io.shadowgate.testing.LoopbackWireMock;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A shadow answer dribbled in chunks by a real server on loopback comes back timed: its head as
 * the first byte, then each body piece with where it ended, in order, up to the whole body, all
 * within the answer's total time.
 */
class ShadowLegTimingTest {
    @RegisterExtension
    static WireMockExtension model = LoopbackWireMock.extension();

    private final MirrorClient client = new MirrorClient(Mirror.MirrorLoops.newLoop(), 2, Duration.ofSeconds(2),
            1 << 20, null);

    @AfterEach
    void close() {
        client.close();
    }

    @Test
    void aDribbledAnswerIsTimedPieceByPiece() throws Exception {
        StringBuilder stream = new StringBuilder();
        for (int n = 0; n < 10; n++) {
            stream.append("data: {\"choices\":[{\"delta\":{\"content\":\"word").append(n).append(" \"}}]}\n\n");
        }
        stream.append("data: [DONE]\n\n");
        byte[] body = stream.toString().getBytes(StandardCharsets.UTF_8);
        model.stubFor(post("/v1/chat/completions").willReturn(aResponse()
                .withHeader("Content-Type", "text/event-stream")
                .withBody(body)
                .withChunkedDribbleDelay(5, 400)));

        LegResult leg = send("/v1/chat/completions");

        assertThat(leg.answered()).isTrue();
        assertThat(leg.body()).isEqualTo(body);
        Arrivals arrivals = leg.arrivals();
        assertThat(arrivals.pieces()).as("five chunks, 100 ms apart, cannot all arrive as one piece").isGreaterThan(1);
        assertThat(arrivals.ends()).isSorted().doesNotHaveDuplicates();
        assertThat(arrivals.ends()[arrivals.pieces() - 1]).isEqualTo(body.length);
        assertThat(arrivals.nanos()).isSorted();
        assertThat(leg.firstByteNanos()).isPositive().isLessThanOrEqualTo(arrivals.nanos()[0]);
        assertThat(arrivals.nanos()[arrivals.pieces() - 1]).isLessThanOrEqualTo(leg.nanos());
    }

    @Test
    void anEmptyAnswerHasAFirstByteAndNoPieces() throws Exception {
        model.stubFor(post("/empty").willReturn(aResponse().withStatus(204)));

        LegResult leg = send("/empty");

        assertThat(leg.status()).isEqualTo(204);
        assertThat(leg.arrivals()).isEqualTo(Arrivals.NONE);
        assertThat(leg.firstByteNanos()).isPositive().isLessThanOrEqualTo(leg.nanos());
    }

    private LegResult send(String uri) throws Exception {
        CompletableFuture<LegResult> done = new CompletableFuture<>();
        client.send(new MirrorClient.Copy(new ShadowTarget("candidate", LoopbackWireMock.url(model),
                HeaderSource.fixed(Map.of()), Duration.ofSeconds(5)), new DefaultHttpHeaders(),
                Unpooled.copiedBuffer("{}", StandardCharsets.UTF_8), done::complete), "POST", uri);
        return done.get(10, TimeUnit.SECONDS);
    }
}
