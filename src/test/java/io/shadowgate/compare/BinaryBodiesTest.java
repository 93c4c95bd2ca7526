package io.shadowgate.compare;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Bodies compared as bytes: what a mismatch keeps of them is bounded, and binary never shows as text. */
class BinaryBodiesTest {
    private final AnswerComparer comparer = new AnswerComparer(Fixtures.exact());

    private static byte[] random(int length, long seed) {
        byte[] bytes = new byte[length];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    private static Answer octets(byte[] body) {
        return Answer.of(200, "application/octet-stream", body);
    }

    @Test
    void equalBinaryBodiesMatchWithNothingKept() {
        byte[] image = random(10_000, 1);
        Comparison comparison = comparer.compare(octets(image), octets(image.clone()));
        assertThat(comparison.matches()).isTrue();
        assertThat(comparison.bytes()).isEmpty();
    }

    @Test
    void differingBinaryBodiesKeepLengthsDigestsAndTheHexWhereTheyDiffer() {
        byte[] image = random(260 * 1024, 2);
        byte[] changed = image.clone();
        changed[1000] ^= (byte) 0xff;
        Comparison comparison = comparer.compare(octets(image), octets(changed));

        assertThat(comparison.matches()).isFalse();
        assertThat(comparison.differences()).singleElement().satisfies(difference -> {
            assertThat(difference.path()).isEmpty();
            assertThat(difference.kind()).isEqualTo(Difference.Kind.VALUE);
            assertThat(difference.stable().asText()).isEqualTo("<binary, 266240 bytes>");
        });
        BytesDiff bytes = comparison.bytes().orElseThrow();
        assertThat(bytes.firstDifference()).isEqualTo(1000);
        assertThat(bytes.previewOffset()).isEqualTo(992);
        assertThat(bytes.stable().length()).isEqualTo(image.length);
        assertThat(bytes.stable().sha256()).isEqualTo(BytesDiff.sha256(image)).hasSize(64);
        assertThat(bytes.candidate().sha256()).isEqualTo(BytesDiff.sha256(changed));
        assertThat(bytes.stable().hex()).isEqualTo(HexFormat.ofDelimiter(" ").formatHex(image, 992, 992 + 64));
        assertThat(bytes.candidate().hex()).isEqualTo(HexFormat.ofDelimiter(" ").formatHex(changed, 992, 992 + 64));
    }

    @Test
    void aBodyThatIsAPrefixOfTheOtherDiffersWhereItEnds() {
        byte[] longer = random(40, 3);
        BytesDiff bytes = BytesDiff.of(Arrays.copyOf(longer, 32), longer);
        assertThat(bytes.firstDifference()).isEqualTo(32);
        assertThat(bytes.stable().hex()).isEmpty();
        assertThat(bytes.candidate().hex().split(" ")).hasSize(8);
        assertThatThrownBy(() -> BytesDiff.of(longer, longer.clone())).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void differingTextKeepsItsTextPreviewAndTheBytesToo() {
        Comparison comparison = comparer.compare(Answer.of(200, "text/plain", "label: 2".getBytes(StandardCharsets.UTF_8)),
                Answer.of(200, "text/plain", "label: 3".getBytes(StandardCharsets.UTF_8)));
        assertThat(comparison.differences().get(0).stable().asText()).isEqualTo("label: 2");
        assertThat(comparison.bytes().orElseThrow().firstDifference()).isEqualTo(7);
    }

    @Test
    void jsonPredictionsAreNotComparedAsBytes() {
        Comparison comparison = comparer.compare(Fixtures.json("{\"predictions\":[1]}"), Fixtures.json("{\"predictions\":[2]}"));
        assertThat(comparison.matches()).isFalse();
        assertThat(comparison.bytes()).isEmpty();
    }

    @Test
    void textAndBinaryAreToldApartByTheBytes() {
        assertThat(BodyText.isText("{\"a\": \"é ü 日本\"}\r\n\t".getBytes(StandardCharsets.UTF_8))).isTrue();
        assertThat(BodyText.isText(new byte[0])).isTrue();
        assertThat(BodyText.isText(new byte[] {(byte) 0x89, 'P', 'N', 'G'})).isFalse();
        assertThat(BodyText.isText(new byte[] {'a', 0, 'b'})).isFalse();
        byte[] longText = "ä".repeat(2000).getBytes(StandardCharsets.UTF_8); // a character cut at the sniffed end
        assertThat(BodyText.isText(longText)).isTrue();
    }
}
