package io.shadowgate.sample;

import java.util.ArrayList;
import java.util.List;

/** Splits a {@code text/event-stream} body into its events' {@code data} values, strictly. */
final class ServerSentEvents {
    private ServerSentEvents() {}

    /** The data of each event; fails on any line that is not {@code data: ...} or on a missing blank line. */
    static List<String> data(String body) {
        if (!body.endsWith("\n\n")) {
            throw new AssertionError("event stream does not end with a blank line: " + body);
        }
        List<String> out = new ArrayList<>();
        for (String event : body.substring(0, body.length() - 2).split("\n\n", -1)) {
            if (!event.startsWith("data: ") || event.indexOf('\n') >= 0) {
                throw new AssertionError("not a single data line: " + event);
            }
            out.add(event.substring("data: ".length()));
        }
        return out;
    }
}
