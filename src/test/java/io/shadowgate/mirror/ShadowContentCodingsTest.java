package io.shadowgate.mirror;

import static io.shadowgate.testing.CompressingModel.encode;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.shadowgate.compare.BytesDiff;
import io.shadowgate.config.ShadowConfig;
import io.shadowgate.testing.CompressingModel;
import io.shadowgate.testing.CompressingModel.Answer;
import io.shadowgate.testing.GatewayExtension;
import io.shadowgate.testing.Http1;
import io.shadowgate.testing.Scrapes;
import io.shadowgate.testing.ShadowCounts;
import io.shadowgate.testing.TestConfigs;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Model servers that compress on 127.0.0.1, as a real one does for a client that sends
 * {@code Accept-Encoding} (python-requests always does): the client gets stable's bytes untouched,
 * the candidate is asked the same thing, and the comparison sees predictions, not codings. Also
 * a decompression bomb, a coding the gateway does not know, and binary answers.
 */
class ShadowContentCodingsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final byte[] PREDICTIONS = "{\"predictions\":[0.125,0.25,0.625]}".getBytes(StandardCharsets.UTF_8);
    private static final String CLIENT_ACCEPT_ENCODING = "gzip, deflate, br, zstd";
    private static final int MIB = 1024 * 1024;

    private final HttpClient client = Http1.client();
    @RegisterExtension
    final GatewayExtension gateway = GatewayExtension.startedByTest();

    private void start(CompressingModel stable, CompressingModel candidate, long maxBodyBytes, List<String> redact)
            throws Exception {
        start(stable, candidate, maxBodyBytes, redact, 0);
    }

    private void start(CompressingModel stable, CompressingModel candidate, long maxBodyBytes, List<String> redact,
                       double noisePercent) throws Exception {
        gateway.start(TestConfigs.mirrored(stable.url(), Map.of(), candidate.url(), Map.of(),
                Duration.ofSeconds(10), new ShadowConfig(100, Optional.empty(), 64, maxBodyBytes),
                TestConfigs.compare(noisePercent, redact)));
    }

    private HttpResponse<byte[]> score(String contentType, byte[] body) throws Exception {
        HttpResponse<byte[]> response = client.send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + gateway.proxyPort() + "/score"))
                .header("Content-Type", contentType)
                .header("Accept-Encoding", CLIENT_ACCEPT_ENCODING)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(response.statusCode()).isEqualTo(200);
        return response;
    }

    private HttpResponse<byte[]> score() throws Exception {
        return score("application/json", "{\"inputs\":[[1,2,3]]}".getBytes(StandardCharsets.UTF_8));
    }

    private String scrape() {
        return gateway.metrics().scrape();
    }

    private double comparisons(String result) {
        return Scrapes.value(scrape(), "shadowgate_comparisons_total", Map.of("result", result));
    }

    private double undecoded(String reason) {
        return Scrapes.value(scrape(), "shadowgate_shadow_undecoded_bodies_total", Map.of("reason", reason));
    }

    private JsonNode newestMismatch() throws Exception {
        HttpResponse<String> response = client.send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + gateway.adminPort() + "/mismatches?limit=1")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body()).path("mismatches").get(0);
    }

    /** Stable compresses, the candidate does not: the same predictions match (they were 4 mismatches of 4). */
    @ParameterizedTest
    @ValueSource(strings = {"gzip", "br", "zstd"})
    void identicalPredictionsMatchWhenOnlyStableCompresses(String coding) throws Exception {
        try (CompressingModel stable = CompressingModel.compressing("application/json", PREDICTIONS, coding);
             CompressingModel candidate = CompressingModel.compressing("application/json", PREDICTIONS, null)) {
            start(stable, candidate, MIB, List.of());
            for (int i = 0; i < 4; i++) {
                HttpResponse<byte[]> response = score();
                assertThat(response.headers().firstValue("Content-Encoding")).as("the client gets stable's coding")
                        .hasValue(coding);
                assertThat(response.body()).as("the client gets stable's compressed bytes untouched")
                        .isEqualTo(encode(coding, PREDICTIONS));
            }
            assertThat(ShadowCounts.awaitEnded(this::scrape, 4).compared()).isEqualTo(4);
            assertThat(comparisons("match")).isEqualTo(4);
            assertThat(comparisons("mismatch")).isZero();
            assertThat(candidate.acceptEncodings()).as("the candidate is asked what stable was asked")
                    .containsExactly(CLIENT_ACCEPT_ENCODING, CLIENT_ACCEPT_ENCODING, CLIENT_ACCEPT_ENCODING,
                            CLIENT_ACCEPT_ENCODING);
        }
    }

    /** The candidate compresses, stable does not: its answer is kept as sent and decoded for the comparison. */
    @ParameterizedTest
    @ValueSource(strings = {"gzip", "br", "zstd"})
    void identicalPredictionsMatchWhenOnlyTheCandidateCompresses(String coding) throws Exception {
        try (CompressingModel stable = CompressingModel.compressing("application/json", PREDICTIONS, null);
             CompressingModel candidate = CompressingModel.compressing("application/json", PREDICTIONS, coding)) {
            start(stable, candidate, MIB, List.of());
            for (int i = 0; i < 3; i++) {
                HttpResponse<byte[]> response = score();
                assertThat(response.headers().firstValue("Content-Encoding")).isEmpty();
                assertThat(response.body()).isEqualTo(PREDICTIONS);
            }
            assertThat(ShadowCounts.awaitEnded(this::scrape, 3).compared()).isEqualTo(3);
            assertThat(comparisons("match")).isEqualTo(3);
            assertThat(candidate.acceptEncodings()).containsOnly(CLIENT_ACCEPT_ENCODING);
        }
    }

    /**
     * The mirror's client neither adds, drops nor rewrites Accept-Encoding (async-http-client would,
     * with its own decompression on: it removes codings it cannot decode), so both sides are asked
     * the same thing, whatever the client sent, including nothing.
     */
    @Test
    void theCandidateGetsTheClientsAcceptEncodingAsItIs() throws Exception {
        try (CompressingModel stable = CompressingModel.compressing("application/json", PREDICTIONS, "gzip");
             CompressingModel candidate = CompressingModel.compressing("application/json", PREDICTIONS, "zstd")) {
            start(stable, candidate, MIB, List.of());
            String unusual = "zstd;q=1.0, br;q=0.9, x-custom, *;q=0";
            for (String acceptEncoding : new String[] {unusual, null}) {
                HttpRequest.Builder request = HttpRequest.newBuilder(
                                URI.create("http://127.0.0.1:" + gateway.proxyPort() + "/score"))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"inputs\":[1]}"));
                if (acceptEncoding != null) {
                    request.header("Accept-Encoding", acceptEncoding);
                }
                assertThat(client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray()).statusCode()).isEqualTo(200);
            }
            assertThat(ShadowCounts.awaitEnded(this::scrape, 2).compared()).isEqualTo(2);
            // (stable may also have had the gateway's readiness probe first)
            assertThat(stable.acceptEncodings()).endsWith(unusual, "<none>");
            assertThat(candidate.acceptEncodings()).containsExactly(unusual, "<none>");
            assertThat(comparisons("match")).as("the candidate's zstd answer decoded, stable's plain one as is").isEqualTo(2);
        }
    }

    /** Different predictions under different codings still differ, at the path that differs. */
    @Test
    void differentPredictionsUnderDifferentCodingsDifferWhereThePredictionsDo() throws Exception {
        byte[] other = "{\"predictions\":[0.125,0.25,0.5]}".getBytes(StandardCharsets.UTF_8);
        try (CompressingModel stable = CompressingModel.compressing("application/json", PREDICTIONS, "br");
             CompressingModel candidate = CompressingModel.compressing("application/json", other, "zstd")) {
            start(stable, candidate, MIB, List.of());
            score();
            ShadowCounts.awaitEnded(this::scrape, 1);
            assertThat(comparisons("mismatch")).isEqualTo(1);
            JsonNode sample = newestMismatch();
            assertThat(sample.path("differences").get(0).path("path").asText()).isEqualTo("/predictions/2");
            assertThat(sample.path("stable").path("contentEncoding").asText()).isEqualTo("br");
            assertThat(sample.path("candidate").path("contentEncoding").asText()).isEqualTo("zstd");
            assertThat(sample.has("bytes")).as("JSON predictions are not compared as bytes").isFalse();
        }
    }

    /**
     * 100 MB of zeros gzipped to about 100 KB: under the 1 MiB limit on the wire, far over it decoded.
     * Decoding stops at the limit (BodyDecoderTest measures how little it allocates); the pair is
     * skipped and counted, and the client never notices.
     */
    @Test
    void aDecompressionBombIsCountedAndNotCompared() throws Exception {
        byte[] bomb = encode("gzip", new byte[100_000_000]);
        assertThat(bomb.length).isLessThan(MIB);
        try (CompressingModel stable = CompressingModel.compressing("application/json", PREDICTIONS, null);
             CompressingModel candidate = CompressingModel.fixed(new Answer("application/json", "gzip", bomb))) {
            start(stable, candidate, MIB, List.of());
            for (int i = 0; i < 3; i++) {
                assertThat(score().body()).isEqualTo(PREDICTIONS);
            }
            ShadowCounts counts = ShadowCounts.awaitEnded(this::scrape, 3);
            assertThat(counts.skipped()).isEqualTo(3);
            assertThat(counts.compared()).isZero();
            assertThat(undecoded("too_large")).isEqualTo(3);
            assertThat(comparisons("match") + comparisons("mismatch")).isZero();
        }
    }

    /** With a noise copy, stable's answer takes part in two comparisons but is decoded, and counted, once. */
    @Test
    void stablesAnswerIsCountedOnceWhenItAlsoMeetsANoiseCopy() throws Exception {
        byte[] bytes = {0x04, 0x22, 0x4d, 0x18, 1, 2, 3, 4};
        try (CompressingModel stable = CompressingModel.fixed(new Answer("application/json", "x-lz4", bytes));
             CompressingModel candidate = CompressingModel.fixed(new Answer("application/json", "x-lz4", bytes))) {
            start(stable, candidate, MIB, List.of(), 100);
            assertThat(score().body()).isEqualTo(bytes);
            ShadowCounts.awaitEnded(this::scrape, 1);
            assertThat(comparisons("match")).isEqualTo(1);
            // stable's answer, the candidate's and the noise copy compared with stable's (a second
            // noise copy, when one went, is only timed); stable's counted once, not once per comparison
            assertThat(undecoded("unknown_coding")).isEqualTo(3);
        }
    }

    /** A coding the gateway does not decode: both bodies are compared as they came, and the sample says why. */
    @Test
    void anUnknownCodingIsComparedAsBytesAndTheSampleSaysSo() throws Exception {
        byte[] stableBytes = {0x04, 0x22, 0x4d, 0x18, 1, 2, 3, 4};
        byte[] candidateBytes = {0x04, 0x22, 0x4d, 0x18, 1, 2, 3, 5};
        try (CompressingModel stable = CompressingModel.fixed(new Answer("application/json", "x-lz4", stableBytes));
             CompressingModel candidate = CompressingModel.fixed(new Answer("application/json", "x-lz4", candidateBytes))) {
            start(stable, candidate, MIB, List.of());
            assertThat(score().body()).isEqualTo(stableBytes);
            ShadowCounts.awaitEnded(this::scrape, 1);
            assertThat(comparisons("mismatch")).isEqualTo(1);
            assertThat(undecoded("unknown_coding")).isEqualTo(2);

            JsonNode sample = newestMismatch();
            assertThat(sample.path("notes").toString()).contains("x-lz4").contains("not decoded")
                    .contains("compared as received");
            assertThat(sample.path("stable").path("contentEncoding").asText()).isEqualTo("x-lz4");
            assertThat(sample.path("bytes").path("firstDifferenceAt").asLong()).isEqualTo(7);
            assertThat(sample.path("bytes").path("stable").path("hex").asText()).isEqualTo("04 22 4d 18 01 02 03 04");
            assertThat(sample.path("bytes").path("candidate").path("hex").asText()).isEqualTo("04 22 4d 18 01 02 03 05");
        }
    }

    /**
     * Binary answers that differ in one byte of 300 KB: the sample holds their content type, lengths,
     * digests and 64 bytes of hex where they differ, never the bodies; the binary request body is
     * kept as its length, digest and first bytes.
     */
    @Test
    void aBinaryMismatchSampleHoldsDigestsAndAHexPreviewNotTheBodies() throws Exception {
        byte[] image = new byte[300 * 1024];
        new Random(13).nextBytes(image);
        byte[] changed = image.clone();
        changed[150_001] ^= 0x01;
        byte[] upload = new byte[100 * 1024];
        new Random(14).nextBytes(upload);
        try (CompressingModel stable = CompressingModel.fixed(new Answer("application/octet-stream", null, image));
             CompressingModel candidate = CompressingModel.fixed(new Answer("application/octet-stream", null, changed))) {
            start(stable, candidate, MIB, List.of());
            assertThat(score("application/octet-stream", upload).body()).isEqualTo(image);
            ShadowCounts.awaitEnded(this::scrape, 1);
            assertThat(comparisons("mismatch")).isEqualTo(1);

            JsonNode sample = newestMismatch();
            assertThat(sample.toString().length()).as("a sample does not grow with the bodies").isLessThan(2048);
            assertThat(sample.path("stable").path("contentType").asText()).isEqualTo("application/octet-stream");
            JsonNode bytes = sample.path("bytes");
            assertThat(bytes.path("firstDifferenceAt").asLong()).isEqualTo(150_001);
            assertThat(bytes.path("previewOffset").asLong()).isEqualTo(150_000 - 150_000 % 16);
            assertThat(bytes.path("stable").path("length").asLong()).isEqualTo(image.length);
            assertThat(bytes.path("stable").path("sha256").asText()).isEqualTo(BytesDiff.sha256(image));
            assertThat(bytes.path("candidate").path("sha256").asText()).isEqualTo(BytesDiff.sha256(changed));
            assertThat(bytes.path("stable").path("hex").asText().split(" ")).hasSize(BytesDiff.PREVIEW_BYTES);
            assertThat(bytes.path("stable").path("hex").asText()).isNotEqualTo(bytes.path("candidate").path("hex").asText());
            assertThat(sample.path("differences").get(0).path("stable").asText()).isEqualTo("<binary, 307200 bytes>");
            JsonNode request = sample.path("requestBody");
            assertThat(request.path("binary").asBoolean()).isTrue();
            assertThat(request.path("length").asInt()).isEqualTo(upload.length);
            assertThat(request.path("sha256").asText()).isEqualTo(BytesDiff.sha256(upload));
        }
    }

    /** A large JSON request is kept redacted, then cut to compare.sampleRequestBytes (4 KiB by default). */
    @Test
    void aLargeJsonRequestIsRedactedThenCutInTheSample() throws Exception {
        StringBuilder request = new StringBuilder("{\"user\":\"alice\",\"inputs\":[");
        for (int i = 0; i < 10_000; i++) {
            request.append(i == 0 ? "" : ",").append(i);
        }
        request.append("]}");
        byte[] other = "{\"predictions\":[1]}".getBytes(StandardCharsets.UTF_8);
        try (CompressingModel stable = CompressingModel.compressing("application/json", PREDICTIONS, "gzip");
             CompressingModel candidate = CompressingModel.compressing("application/json", other, null)) {
            start(stable, candidate, MIB, List.of("/user"));
            score("application/json", request.toString().getBytes(StandardCharsets.UTF_8));
            ShadowCounts.awaitEnded(this::scrape, 1);

            String kept = newestMismatch().path("requestBody").asText();
            assertThat(kept).startsWith("{\"user\":\"<redacted>\",\"inputs\":[0,1,2")
                    .endsWith("... (" + request.toString().replace("alice", "<redacted>").length() + " bytes)")
                    .doesNotContain("alice");
            assertThat(kept.length()).isLessThanOrEqualTo(4096 + 32);
        }
    }
}
