package io.shadowgate.sample;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The handler alone, on an embedded channel whose clock the test moves. */
class SampleModelHandlerTest {

    @Test
    void answersAtOnceWithoutLatencyAndReleasesTheRequest() {
        EmbeddedChannel channel = new EmbeddedChannel(new SampleModelHandler(SampleModelOptions.defaults()));
        FullHttpRequest request = score();
        channel.writeInbound(request);
        assertThat(request.refCnt()).isZero();
        FullHttpResponse response = channel.readOutbound();
        try {
            assertThat(response.status()).isEqualTo(HttpResponseStatus.OK);
            assertThat(response.headers().getInt(HttpHeaderNames.CONTENT_LENGTH))
                    .isEqualTo(response.content().readableBytes());
            assertThat(response.content().toString(StandardCharsets.UTF_8)).startsWith("{\"predictions\":[[0.99");
        } finally {
            response.release();
        }
        assertThat(channel.finishAndReleaseAll()).isFalse();
    }

    /** Every answer waits, health checks and 404s too (the real server's version measured wall time). */
    @ParameterizedTest
    @CsvSource({"POST, /score, 200", "GET, /healthz, 200", "GET, /nowhere, 404"})
    void holdsTheAnswerBackForTheLatency(String method, String path, int status) {
        EmbeddedChannel channel = new EmbeddedChannel(
                new SampleModelHandler(SampleModelOptions.defaults().withLatency(Duration.ofMillis(40))));
        channel.freezeTime();
        channel.writeInbound(method.equals("POST") ? score() : get(path));
        assertThat(channel.outboundMessages()).isEmpty();
        channel.advanceTimeBy(39, TimeUnit.MILLISECONDS);
        channel.runScheduledPendingTasks();
        assertThat(channel.outboundMessages()).isEmpty();
        channel.advanceTimeBy(1, TimeUnit.MILLISECONDS);
        channel.runScheduledPendingTasks();
        FullHttpResponse response = channel.readOutbound();
        assertThat(response.status().code()).isEqualTo(status);
        response.release();
        assertThat(channel.finishAndReleaseAll()).isFalse();
    }

    @Test
    void dropsTheAnswerWhenTheClientLeavesDuringTheLatency() {
        EmbeddedChannel channel = new EmbeddedChannel(
                new SampleModelHandler(SampleModelOptions.defaults().withLatency(Duration.ofMillis(40))));
        channel.freezeTime();
        channel.writeInbound(score());
        channel.close();
        channel.advanceTimeBy(40, TimeUnit.MILLISECONDS);
        channel.runScheduledPendingTasks();
        assertThat(channel.outboundMessages()).isEmpty();
        assertThat(channel.finishAndReleaseAll()).isFalse();
    }

    private static FullHttpRequest get(String path) {
        return new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, path, Unpooled.EMPTY_BUFFER);
    }

    private static FullHttpRequest score() {
        return new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.POST, "/score",
                Unpooled.copiedBuffer(IrisDataset.scoreRequestBody(0, 1), StandardCharsets.UTF_8));
    }
}
