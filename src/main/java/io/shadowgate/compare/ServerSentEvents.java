package io.shadowgate.compare;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits a whole {@code text/event-stream} body into its events' data, as the WHATWG HTML
 * standard's event stream interpretation does: lines end in CR LF, LF or CR; a line starting with
 * {@code :} is a comment; {@code data:} lines (one space after the colon dropped) are joined with
 * LF; a blank line ends an event, and an event without data lines is not one. Other fields
 * ({@code event}, {@code id}, {@code retry}) do not matter for comparison and are skipped.
 *
 * <p>Unlike a browser, a last event the body ends without a blank line after is still returned,
 * marked unterminated: the assembler decides whether it is whole. The parse runs on bytes (line
 * ends and colons are ASCII, never inside a UTF-8 sequence) and each event's data is decoded
 * whole, so a character split between two network pieces survives; this also gives each event
 * the offset of its last byte, for timing it by {@link Arrivals}.
 */
final class ServerSentEvents {
    private static final byte[] DATA = "data".getBytes(StandardCharsets.US_ASCII);

    /**
     * One event.
     *
     * @param data its data lines joined by LF
     * @param end the offset in the body of its last byte (the end of the blank line that ends it)
     * @param terminated whether a blank line ended it
     */
    record Event(String data, int end, boolean terminated) {}

    private ServerSentEvents() {}

    static List<Event> parse(byte[] body) {
        List<Event> events = new ArrayList<>();
        ByteArrayOutputStream data = new ByteArrayOutputStream();
        boolean hasData = false;
        int position = startAfterByteOrderMark(body);
        while (position < body.length) {
            int lineEnd = position;
            while (lineEnd < body.length && body[lineEnd] != '\n' && body[lineEnd] != '\r') {
                lineEnd++;
            }
            int next = lineEnd;
            if (lineEnd < body.length) {
                next = body[lineEnd] == '\r' && lineEnd + 1 < body.length && body[lineEnd + 1] == '\n'
                        ? lineEnd + 2 : lineEnd + 1;
            }
            if (lineEnd == position) {
                if (hasData) {
                    events.add(new Event(text(data), next - 1, true));
                }
                data.reset();
                hasData = false;
            } else if (body[position] != ':' && isData(body, position, lineEnd)) {
                int value = position + DATA.length;
                if (value < lineEnd) {
                    value++; // the colon
                    if (value < lineEnd && body[value] == ' ') {
                        value++;
                    }
                }
                data.write(body, value, lineEnd - value);
                data.write('\n');
                hasData = true;
            }
            position = next;
        }
        if (hasData) {
            events.add(new Event(text(data), body.length - 1, false));
        }
        return events;
    }

    /** Whether the line's field name is exactly {@code data} (the line is {@code data} or {@code data:...}). */
    private static boolean isData(byte[] body, int start, int end) {
        if (end - start < DATA.length) {
            return false;
        }
        for (int i = 0; i < DATA.length; i++) {
            if (body[start + i] != DATA[i]) {
                return false;
            }
        }
        return end - start == DATA.length || body[start + DATA.length] == ':';
    }

    /** The data buffer without its last LF, decoded. */
    private static String text(ByteArrayOutputStream data) {
        byte[] bytes = data.toByteArray();
        return new String(bytes, 0, bytes.length - 1, StandardCharsets.UTF_8);
    }

    private static int startAfterByteOrderMark(byte[] body) {
        return body.length >= 3 && (body[0] & 0xff) == 0xef && (body[1] & 0xff) == 0xbb && (body[2] & 0xff) == 0xbf
                ? 3 : 0;
    }
}
