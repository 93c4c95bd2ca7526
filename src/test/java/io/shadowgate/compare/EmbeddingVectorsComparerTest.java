package io.shadowgate.compare;

import static io.shadowgate.compare.Fixtures.describe;
import static io.shadowgate.compare.Fixtures.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.shadowgate.config.ComparatorKind;
import io.shadowgate.config.TextMetric;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.Base64;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The embedding-vectors comparator on {@code /v1/embeddings} answers. */
class EmbeddingVectorsComparerTest {
    private static final Comparer VECTORS = Routes.comparer(ComparatorKind.EMBEDDING_VECTORS, TextMetric.ROUGE_L, 0.99);

    /** An embeddings answer of these vectors, each written as {@code "1,0"}. */
    private static Answer embeddings(String model, String... vectors) {
        String data = Arrays.stream(vectors).map(v -> "{\"object\":\"embedding\",\"embedding\":[" + v + "]}")
                .collect(Collectors.joining(","));
        return json("{\"object\":\"list\",\"model\":\"" + model + "\",\"data\":[" + data
                + "],\"usage\":{\"prompt_tokens\":" + model.length() + "}}");
    }

    @Test
    void equalVectorsMatchWhateverTheModelAndUsage() {
        Comparison comparison = VECTORS.compare(embeddings("a", "0.1,0.2,0.3"), embeddings("bb", "0.1,0.2,0.3"));
        assertThat(comparison.matches()).isTrue();
        assertThat(comparison.score()).hasValue(1);
    }

    @Test
    void theScoreIsTheLowestCosineAndEachLowOneASimilarityDifference() {
        // [3,4].[4,3] = 24, norms 5 and 5: 0.96, under the threshold 0.99.
        Comparison comparison = VECTORS.compare(embeddings("a", "1,0", "3,4"), embeddings("a", "1,0", "4,3"));
        assertThat(comparison.score().getAsDouble()).isCloseTo(0.96, within(1e-9));
        assertThat(comparison.differences()).singleElement().satisfies(difference -> {
            assertThat(difference.kind()).isEqualTo(Difference.Kind.SIMILARITY);
            assertThat(difference.path()).isEqualTo("/data/1/embedding");
            assertThat(difference.stable().path("dimension").intValue()).isEqualTo(2);
            assertThat(difference.stable().path("head").toString()).isEqualTo("[3.0,4.0]");
            assertThat(difference.candidate().path("metric").textValue()).isEqualTo("cosine");
        });
        assertThat(Routes.comparer(ComparatorKind.EMBEDDING_VECTORS, TextMetric.ROUGE_L, 0.9)
                .compare(embeddings("a", "3,4"), embeddings("a", "4,3")).matches()).isTrue();
    }

    @Test
    void countsAndDimensionsAreLengths() {
        Comparison fewer = VECTORS.compare(embeddings("a", "1,0", "0,1"), embeddings("a", "1,0"));
        assertThat(describe(fewer)).containsExactly("LENGTH /data 2 1");
        assertThat(fewer.score()).as("the common vector is equal").hasValue(1);

        Comparison dimension = VECTORS.compare(embeddings("a", "1,0"), embeddings("a", "1,0,0"));
        assertThat(describe(dimension)).containsExactly("LENGTH /data/0/embedding 2 3");
        assertThat(dimension.score()).hasValue(0);

        assertThat(VECTORS.compare(embeddings("a"), embeddings("a", "1,0")).score()).hasValue(0);
    }

    @Test
    void base64VectorsAreLittleEndianFloat32() {
        ByteBuffer buffer = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putFloat(3).putFloat(4);
        String base64 = Base64.getEncoder().encodeToString(buffer.array());
        Answer encoded = json("{\"data\":[{\"embedding\":\"" + base64 + "\"}]}");
        assertThat(VECTORS.compare(encoded, embeddings("a", "3,4")).score()).hasValue(1);
        assertThat(VECTORS.compare(encoded, embeddings("a", "4,3")).score().getAsDouble()).isCloseTo(0.96, within(1e-9));

        Answer broken = json("{\"data\":[{\"embedding\":\"AAA\"}]}");
        Comparison comparison = VECTORS.compare(broken, encoded);
        assertThat(comparison.score()).as("three bytes are not a float32 vector").hasValue(0);
        assertThat(comparison.differences().get(0).stable().textValue())
                .startsWith("<not an OpenAI embeddings answer>");
    }
}
