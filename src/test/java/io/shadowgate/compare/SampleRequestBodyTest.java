package io.shadowgate.compare;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** A sample's request body is bounded whatever the request: redacted first, then cut. */
class SampleRequestBodyTest {
    private final Redactor redactor = Redactor.of(Fixtures.redacting("/user"));

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void jsonThatFitsIsKeptAsRedactedJson() {
        JsonNode kept = MismatchSample.requestBody(utf8("{\"user\":\"alice\",\"x\":[1,2]}"), redactor, 4096);
        assertThat(kept.isObject()).isTrue();
        assertThat(kept.path("user").asText()).isEqualTo("<redacted>");
        assertThat(kept.path("x").get(1).asInt()).isEqualTo(2);
    }

    @Test
    void jsonThatDoesNotFitIsItsRedactedTextCut() {
        String request = "{\"user\":\"alice\",\"x\":\"" + "y".repeat(10_000) + "\"}";
        String kept = MismatchSample.requestBody(utf8(request), redactor, 100).asText();
        assertThat(kept).startsWith("{\"user\":\"<redacted>\",\"x\":\"yyy").doesNotContain("alice")
                .endsWith("... (" + request.replace("alice", "<redacted>").length() + " bytes)");
        assertThat(kept.length()).isEqualTo(100 + "... (10034 bytes)".length());
    }

    @Test
    void textIsCutOnACharacterBoundary() {
        byte[] text = utf8("é".repeat(100)); // two bytes each
        String kept = MismatchSample.requestBody(text, redactor, 51).asText();
        assertThat(kept).isEqualTo("é".repeat(25) + "... (200 bytes)");
    }

    @Test
    void binaryIsKeptAsLengthDigestAndFirstBytes() {
        byte[] upload = new byte[200_000];
        new Random(5).nextBytes(upload);
        JsonNode kept = MismatchSample.requestBody(upload, redactor, 4096);
        assertThat(kept.path("binary").asBoolean()).isTrue();
        assertThat(kept.path("length").asInt()).isEqualTo(200_000);
        assertThat(kept.path("sha256").asText()).isEqualTo(BytesDiff.sha256(upload));
        assertThat(kept.path("hex").asText().split(" ")).hasSize(BytesDiff.PREVIEW_BYTES);
        assertThat(kept.toString().length()).isLessThan(400);
    }

    @Test
    void aBoundOfZeroKeepsNoContent() {
        assertThat(MismatchSample.requestBody(utf8("{\"user\":\"alice\"}"), redactor, 0).asText())
                .isEqualTo("... (21 bytes)"); // {"user":"<redacted>"}
        assertThat(MismatchSample.requestBody(new byte[] {0, 1, 2}, redactor, 0).path("hex").asText()).isEmpty();
    }
}
