package io.shadowgate.sample;

import java.util.List;

/**
 * A server-sent event stream decided but not yet written: the {@code data:} payloads, one per
 * token, that go out {@code tokenDelayNanos} apart (the first after {@code firstTokenDelayNanos}),
 * then the closing payloads (finish reasons, usage, {@code [DONE]}) at once. Strings, not
 * buffers: nothing to release if the client leaves half way.
 *
 * @param tokenEvents payloads carrying one token each, in order
 * @param closingEvents payloads written right after the last token, in order
 * @param firstTokenDelayNanos wait before the first token event
 * @param tokenDelayNanos wait between two token events
 */
record EventStream(List<String> tokenEvents, List<String> closingEvents, long firstTokenDelayNanos,
        long tokenDelayNanos) implements Answer {
    EventStream {
        tokenEvents = List.copyOf(tokenEvents);
        closingEvents = List.copyOf(closingEvents);
    }
}
