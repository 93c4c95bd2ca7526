package io.shadowgate.compare;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Puts a whole streamed ({@code text/event-stream}) answer back together for comparison and times
 * its tokens. Pure: the caller hands in the body as received and when its pieces arrived.
 *
 * <ul>
 *   <li>{@link StreamFormat#OPENAI_CHAT}, {@link StreamFormat#OPENAI_COMPLETIONS}: every event's data
 *       is a JSON chunk, until {@code data: [DONE]} (later events are not read); the chunks fold
 *       into the unstreamed answer's JSON ({@link OpenAiStream}). A token is an event that carries
 *       text that is not empty or a tool call delta.</li>
 *   <li>{@link StreamFormat#DATA_LINES}: the events' data joined by LF; the result counts as JSON
 *       when it parses as one JSON value (e.g. a stream of one JSON event), else it is text.
 *       Every event is a token.</li>
 * </ul>
 * A token's time is when the last byte of its event had arrived ({@link Arrivals#nanosAt}).
 *
 * <p>Malformed streams are reported, never thrown: no event at all; in an OpenAI stream, an event
 * whose data is not JSON (a last event the body ends in the middle of is "truncated"). The answer is
 * still assembled from what could be read. Only the first reason is kept.
 */
public final class StreamAssembler {
    private static final String DONE = "[DONE]";

    private StreamAssembler() {}

    /** Whether a {@code Content-Type} value (may be null) is {@code text/event-stream}, parameters and case ignored. */
    public static boolean isEventStream(String contentType) {
        if (contentType == null) {
            return false;
        }
        int semicolon = contentType.indexOf(';');
        return (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).trim()
                .toLowerCase(Locale.ROOT).equals("text/event-stream");
    }

    public static AssembledAnswer assemble(byte[] body, Arrivals arrivals, StreamFormat format) {
        requireNonNull(body, "body");
        requireNonNull(arrivals, "arrivals");
        requireNonNull(format, "format");
        List<ServerSentEvents.Event> events = ServerSentEvents.parse(body);
        TokenTimes times = new TokenTimes(arrivals);
        String malformed = events.isEmpty() ? "no events" : null;
        if (format == StreamFormat.DATA_LINES) {
            StringBuilder data = new StringBuilder();
            for (ServerSentEvents.Event event : events) {
                data.append(data.length() == 0 && times.tokens() == 0 ? "" : "\n").append(event.data());
                times.token(event.end());
            }
            byte[] assembled = data.toString().getBytes(StandardCharsets.UTF_8);
            return times.answer(assembled, Json.parse(assembled).isPresent(), malformed);
        }
        OpenAiStream stream = new OpenAiStream(format == StreamFormat.OPENAI_CHAT);
        for (int i = 0; i < events.size(); i++) {
            ServerSentEvents.Event event = events.get(i);
            if (event.data().strip().equals(DONE)) {
                break;
            }
            Optional<JsonNode> chunk = Json.parse(event.data().getBytes(StandardCharsets.UTF_8));
            if (chunk.isEmpty()) {
                if (malformed == null) {
                    malformed = event.terminated() ? "event " + (i + 1) + " is not JSON" : "truncated final event";
                }
            } else if (stream.add(chunk.get())) {
                times.token(event.end());
            }
        }
        return times.answer(Json.write(stream.answer()), true, malformed);
    }

    /** The tokens of one stream and when the first and last arrived. */
    private static final class TokenTimes {
        private final Arrivals arrivals;
        private int tokens;
        private long first = -1;
        private long last = -1;

        TokenTimes(Arrivals arrivals) {
            this.arrivals = arrivals;
        }

        void token(int endOffset) {
            long at = arrivals.pieces() == 0 ? -1 : arrivals.nanosAt(endOffset);
            if (tokens == 0) {
                first = at;
            }
            last = at;
            tokens++;
        }

        int tokens() {
            return tokens;
        }

        AssembledAnswer answer(byte[] body, boolean json, String malformed) {
            long mean = tokens >= 2 && first >= 0 && last >= 0 ? (last - first) / (tokens - 1) : -1;
            return new AssembledAnswer(body, json, first, mean, tokens, Optional.ofNullable(malformed));
        }
    }
}
