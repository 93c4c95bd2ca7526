package io.shadowgate.mirror;

import static io.shadowgate.testing.CompressingModel.encode;
import static org.assertj.core.api.Assertions.assertThat;

import io.shadowgate.mirror.DecodedBody.Result;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Undoing content codings: each coding and their stacks, bad data and bombs, all as results, never thrown. */
class BodyDecoderTest {
    private static final byte[] JSON = "{\"predictions\":[0.25,0.5,0.75],\"model\":\"m\"}".getBytes(StandardCharsets.UTF_8);
    private static final int MIB = 1024 * 1024;

    private final BodyDecoder decoder = new BodyDecoder(MIB);

    @ParameterizedTest
    @CsvSource(nullValues = "NULL", value = {"NULL", "''", "identity", "' identity '"})
    void noCodingLeavesTheBodyAsItIs(String contentEncoding) {
        DecodedBody decoded = decoder.decode(contentEncoding, JSON);
        assertThat(decoded.result()).isEqualTo(Result.DECODED);
        assertThat(decoded.body()).isSameAs(JSON);
    }

    @ParameterizedTest
    @CsvSource({
        "gzip,    gzip",
        "x-gzip,  gzip",
        "GZip,    gzip",
        "deflate, deflate",
        "br,      br",
        "zstd,    zstd",
    })
    void eachCodingIsUndone(String header, String coding) {
        DecodedBody decoded = decoder.decode(header, encode(coding, JSON));
        assertThat(decoded.result()).isEqualTo(Result.DECODED);
        assertThat(decoded.body()).isEqualTo(JSON);
    }

    /** Servers send RFC 1951 deflate without the zlib wrapper as often as with it. */
    @Test
    void rawDeflateIsUndoneToo() throws Exception {
        java.util.zip.Deflater raw = new java.util.zip.Deflater(6, true);
        raw.setInput(JSON);
        raw.finish();
        byte[] out = new byte[256];
        int length = raw.deflate(out);
        raw.end();
        assertThat(decoder.decode("deflate", Arrays.copyOf(out, length)).body()).isEqualTo(JSON);
    }

    /** Codings are listed in the order applied, so the last is undone first. */
    @ParameterizedTest
    @ValueSource(strings = {"gzip, br", "br,zstd", "deflate, gzip, zstd", "identity, gzip"})
    void stackedCodingsAreUndoneLastFirst(String header) {
        byte[] body = JSON;
        for (String coding : header.split(",")) {
            if (!coding.isBlank() && !coding.trim().equals("identity")) {
                body = encode(coding.trim(), body);
            }
        }
        DecodedBody decoded = decoder.decode(header, body);
        assertThat(decoded.result()).isEqualTo(Result.DECODED);
        assertThat(decoded.body()).isEqualTo(JSON);
        assertThat(decoded.detail()).isEqualTo(header);
    }

    @ParameterizedTest
    @ValueSource(strings = {"compress", "lz4", "gzip, snappy", "x-custom"})
    void anUnknownCodingKeepsTheBodyAsReceivedAndNamesTheCoding(String header) {
        byte[] body = {1, 2, 3};
        DecodedBody decoded = decoder.decode(header, body);
        assertThat(decoded.result()).isEqualTo(Result.UNKNOWN_CODING);
        assertThat(decoded.body()).isSameAs(body);
        assertThat(decoded.detail()).contains(header.contains(",") ? "snappy" : header).contains("not decoded");
    }

    @ParameterizedTest
    @ValueSource(strings = {"gzip", "deflate", "br", "zstd"})
    void badDataIsACorruptResultWithAReason(String coding) {
        byte[] garbage = "this was never compressed, whatever the header says".getBytes(StandardCharsets.UTF_8);
        DecodedBody decoded = decoder.decode(coding, garbage);
        assertThat(decoded.result()).isEqualTo(Result.CORRUPT);
        assertThat(decoded.body()).isSameAs(garbage);
        assertThat(decoded.detail()).startsWith("Content-Encoding \"" + coding + "\": not valid (").endsWith(")");
    }

    @Test
    void aBodyJustAtTheLimitDecodesAndOneByteMoreIsTooLarge() {
        byte[] atLimit = new byte[MIB];
        assertThat(decoder.decode("gzip", encode("gzip", atLimit)).result()).isEqualTo(Result.DECODED);
        DecodedBody over = decoder.decode("gzip", encode("gzip", new byte[MIB + 1]));
        assertThat(over.result()).isEqualTo(Result.TOO_LARGE);
        assertThat(over.body()).isEmpty();
        assertThat(over.detail()).contains("larger than " + MIB + " bytes");
    }

    /**
     * 100 MB of zeros, compressed to about 100 KB (gzip), 10 KB (zstd) or less (br): decoding stops
     * near the 1 MiB limit. The thread's allocations show it: inflating the whole would allocate at
     * least 100 MB; stopping at the limit allocates a few.
     */
    @ParameterizedTest
    @ValueSource(strings = {"gzip", "br", "zstd", "gzip, br"})
    void aDecompressionBombStopsAtTheLimit(String header) {
        byte[] bomb = new byte[100 * 1000 * 1000];
        for (String coding : header.split(",")) {
            bomb = encode(coding.trim(), bomb);
        }
        long before = allocatedByThisThread();
        DecodedBody decoded = decoder.decode(header, bomb);
        long allocated = allocatedByThisThread() - before;

        assertThat(decoded.result()).isEqualTo(Result.TOO_LARGE);
        assertThat(allocated).as("bytes allocated decoding a %d-byte %s bomb", bomb.length, header)
                .isLessThan(16L * MIB);
    }

    private static long allocatedByThisThread() {
        return ((com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean())
                .getThreadAllocatedBytes(Thread.currentThread().getId());
    }
}
