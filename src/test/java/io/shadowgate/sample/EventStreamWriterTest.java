package io.shadowgate.sample;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The stream's schedule on a frozen event-loop clock: head at once, then one chunk per token delay. */
class EventStreamWriterTest {
    private static final String BODY = "{\"prompt\":\"Once there was a\",\"max_tokens\":3,\"min_tokens\":3,"
            + "\"temperature\":0,\"stream\":true}";

    private static EmbeddedChannel channel() {
        EmbeddedChannel channel = new EmbeddedChannel(new SampleModelHandler(SampleModelOptions.defaults()
                .withFirstTokenDelay(Duration.ofMillis(300)).withTokenDelay(Duration.ofMillis(20))));
        channel.freezeTime();
        channel.writeInbound(request());
        return channel;
    }

    @Test
    void writesTheHeadAtOnceThenEachTokenAsItsOwnChunkOnSchedule() {
        EmbeddedChannel channel = channel();
        HttpResponse head = channel.readOutbound();
        assertThat(head.headers().get("content-type")).isEqualTo("text/event-stream");
        assertThat(channel.outboundMessages()).isEmpty();

        advance(channel, 299);
        assertThat(channel.outboundMessages()).isEmpty();
        advance(channel, 1);
        assertThat(readEvent(channel)).startsWith("data: {\"id\":\"cmpl-").contains("\"text\":\"Miser\"");
        assertThat(channel.outboundMessages()).isEmpty();
        advance(channel, 19);
        assertThat(channel.outboundMessages()).isEmpty();
        advance(channel, 1);
        assertThat(readEvent(channel)).contains("\"text\":\" who\"");
        advance(channel, 20);
        assertThat(readEvent(channel)).contains("\"text\":\" used\"");
        // The finish chunk and [DONE] follow the last token without a wait; [DONE] is the last HTTP chunk.
        HttpContent finish = channel.readOutbound();
        assertThat(finish).isNotInstanceOf(LastHttpContent.class);
        assertThat(finish.content().toString(StandardCharsets.UTF_8)).contains("\"finish_reason\":\"length\"");
        finish.release();
        LastHttpContent done = channel.readOutbound();
        assertThat(done.content().toString(StandardCharsets.UTF_8)).isEqualTo("data: [DONE]\n\n");
        done.release();
        assertThat(channel.finishAndReleaseAll()).isFalse();
    }

    @Test
    void stopsWritingWhenTheClientLeaves() {
        EmbeddedChannel channel = channel();
        HttpResponse head = channel.readOutbound();
        assertThat(head).isNotNull();
        advance(channel, 300);
        assertThat(readEvent(channel)).contains("Miser");
        channel.close();
        advance(channel, 1000);
        assertThat(channel.outboundMessages()).isEmpty();
        assertThat(channel.finishAndReleaseAll()).isFalse();
    }

    private static void advance(EmbeddedChannel channel, long millis) {
        channel.advanceTimeBy(millis, TimeUnit.MILLISECONDS);
        channel.runPendingTasks();
        channel.runScheduledPendingTasks();
    }

    private static String readEvent(EmbeddedChannel channel) {
        HttpContent content = channel.readOutbound();
        assertThat(content).isNotInstanceOf(LastHttpContent.class);
        try {
            return content.content().toString(StandardCharsets.UTF_8);
        } finally {
            content.release();
        }
    }

    private static FullHttpRequest request() {
        return new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.POST, "/v1/completions",
                Unpooled.copiedBuffer(BODY, StandardCharsets.UTF_8));
    }
}
