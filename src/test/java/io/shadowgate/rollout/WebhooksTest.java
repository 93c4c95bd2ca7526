package io.shadowgate.rollout;

import io.shadowgate.rollout.run.RolloutController;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.shadowgate.config.RolloutConfig;
import io.shadowgate.metrics.RolloutRecorder;
import io.shadowgate.testing.LoopbackWireMock;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Every transition is POSTed to the webhooks; a receiver that is down or slow never holds the rollout up. */
class WebhooksTest {
    @RegisterExtension
    static WireMockExtension receiver = LoopbackWireMock.extension();

    @TempDir
    Path dir;

    private RolloutController controller(List<URI> hooks, EvidenceSource evidence) {
        RolloutConfig config = new RolloutConfig(true, List.of(5, 25, 50, 100), Duration.ofMinutes(10),
                Duration.ofMinutes(10), Duration.ofHours(1), RolloutConfig.OnInconclusive.HOLD, 200, 0.95,
                new RolloutConfig.Gates(0.99, 0.01, 0.2), Optional.empty(), dir.resolve("state.json"),
                dir.resolve("audit.jsonl"), hooks, Duration.ofSeconds(5));
        return new RolloutController(config,
                new MutableClock(Instant.parse("2026-11-27T10:00:00Z")), evidence,
                List.of(new TrafficRouter() {
                    @Override
                    public String name() {
                        return "test";
                    }

                    @Override
                    public CompletableFuture<Void> apply(int candidatePercent) {
                        return CompletableFuture.completedFuture(null);
                    }
                }),
                new RolloutRecorder(new SimpleMeterRegistry(), Arrays.stream(Phase.values()).map(Enum::name).toList()),
                Runnable::run);
    }

    @Test
    void transitionsArePostedAndADeadReceiverChangesNothing() throws Exception {
        receiver.stubFor(post(urlEqualTo("/hook")).willReturn(aResponse().withStatus(204)));
        receiver.stubFor(post(urlEqualTo("/slow")).willReturn(aResponse().withStatus(200).withFixedDelay(10_000)));
        int deadPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            deadPort = socket.getLocalPort();
        }
        List<URI> hooks = List.of(URI.create("http://127.0.0.1:" + deadPort + "/hook"),
                URI.create("http://127.0.0.1:" + receiver.getPort() + "/slow"),
                URI.create("http://127.0.0.1:" + receiver.getPort() + "/hook"));
        RolloutController controller = controller(hooks, new ScriptedEvidence());
        controller.start();

        controller.promote(null);
        controller.rollback();

        assertThat(controller.state().phase()).as("no webhook is waited for").isEqualTo(Phase.ROLLED_BACK);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            receiver.verify(postRequestedFor(urlEqualTo("/hook"))
                    .withHeader("Content-Type", equalTo("application/json"))
                    .withRequestBody(matchingJsonPath("$.to", equalTo("CANARY")))
                    .withRequestBody(matchingJsonPath("$.weight", equalTo("5")))
                    .withRequestBody(matchingJsonPath("$.actor", equalTo("admin"))));
            receiver.verify(postRequestedFor(urlEqualTo("/hook"))
                    .withRequestBody(matchingJsonPath("$.to", equalTo("ROLLED_BACK"))));
        });
    }

    @Test
    void aForcedPromotionIsPostedAsForcedWithTheGatesItWentPast() throws Exception {
        receiver.stubFor(post(urlEqualTo("/hook")).willReturn(aResponse().withStatus(204)));
        ScriptedEvidence judge = new ScriptedEvidence();
        judge.say(StageVerdict.ROLLBACK); // the match-rate gate fails
        RolloutController controller = controller(List.of(URI.create("http://127.0.0.1:" + receiver.getPort() + "/hook")),
                judge);
        controller.start();

        controller.promote(100, true);

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> receiver.verify(postRequestedFor(urlEqualTo("/hook"))
                .withRequestBody(matchingJsonPath("$.to", equalTo("PROMOTED")))
                .withRequestBody(matchingJsonPath("$.forced", equalTo("true")))
                .withRequestBody(matchingJsonPath("$.failingGates[0].name", equalTo("matchRate")))
                .withRequestBody(matchingJsonPath("$.failingGates[0].verdict", equalTo("fail")))));
    }
}
