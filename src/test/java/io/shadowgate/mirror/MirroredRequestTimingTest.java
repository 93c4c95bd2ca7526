package io.shadowgate.mirror;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.shadowgate.compare.Arrivals;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The primary leg keeps, with its body, where each piece ended and when it came (as the proxy
 * told it, since the write), and the head's time as its first byte; past the size limit both go.
 */
class MirroredRequestTimingTest {
    private final List<MirroredRequest> allIn = new ArrayList<>();
    private final List<ByteBuf> relayed = new ArrayList<>();
    private MirroredRequest pair;

    @AfterEach
    void release() {
        if (pair != null) {
            pair.release();
        }
        relayed.forEach(ByteBuf::release); // the proxy's own reference, as the client's write would
    }

    private MirroredRequest pair(long maxBodyBytes) {
        pair = new MirroredRequest("req-1", "POST", "/v1/chat/completions", Unpooled.buffer(0), maxBodyBytes, false, 0,
                allIn::add);
        return pair;
    }

    private ByteBuf piece(String text) {
        ByteBuf buffer = Unpooled.copiedBuffer(text, StandardCharsets.UTF_8);
        relayed.add(buffer);
        return buffer;
    }

    @Test
    void eachPieceIsNotedWithItsEndAndArrivalAndTheHeadAsTheFirstByte() {
        MirroredRequest pair = pair(1 << 20);
        pair.onHead(new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK), 100);
        StringBuilder body = new StringBuilder();
        int[] ends = new int[20]; // more pieces than the first capacity: the arrays grow
        long[] nanos = new long[20];
        for (int i = 0; i < 20; i++) {
            String text = "data: " + i + "\n\n";
            body.append(text);
            ends[i] = body.length();
            nanos[i] = 200 + 10L * i;
            pair.onContent(piece(text), nanos[i]);
        }
        pair.onContent(Unpooled.EMPTY_BUFFER, 500); // the empty last piece is no piece
        pair.onComplete(500);
        pair.shadowDone(LegResult.failed(LegResult.Ending.ERROR, "not under test"));

        assertThat(allIn).containsExactly(pair);
        LegResult primary = pair.primary();
        assertThat(new String(primary.body(), StandardCharsets.UTF_8)).isEqualTo(body.toString());
        assertThat(primary.nanos()).isEqualTo(500);
        assertThat(primary.firstByteNanos()).isEqualTo(100);
        assertThat(primary.arrivals()).isEqualTo(new Arrivals(ends, nanos));
        assertThat(primary.arrivals().nanosAt(body.length() - 1)).isEqualTo(390);
    }

    @Test
    void anAnswerOverTheLimitKeepsNeitherBodyNorArrivals() {
        MirroredRequest pair = pair(8);
        pair.onHead(new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK), 100);
        pair.onContent(piece("12345"), 150);
        pair.onContent(piece("67890"), 160);
        pair.onComplete(170);
        pair.shadowDone(LegResult.failed(LegResult.Ending.ERROR, "not under test"));

        LegResult primary = pair.primary();
        assertThat(primary.ending()).isEqualTo(LegResult.Ending.TOO_LARGE);
        assertThat(primary.arrivals()).isEqualTo(Arrivals.NONE);
        assertThat(relayed).allSatisfy(buffer -> assertThat(buffer.refCnt()).isEqualTo(1));
    }
}
