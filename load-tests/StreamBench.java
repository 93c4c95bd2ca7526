import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Drives one OpenAI-compatible chat completion URL with streamed answers ({@code "stream": true})
 * and prints, per request, the median and p99 of the time to first byte (the response head), to
 * first token (the first {@code data:} event whose {@code choices[0].delta.content} is not empty)
 * and to the end of the stream, and the streams and events per second. It asserts nothing.
 *
 * <pre>
 *   java load-tests/StreamBench.java http://127.0.0.1:18080/v1/chat/completions \
 *       [--connections 8] [--duration 10] [--warmup 5] [--max-tokens 32]
 * </pre>
 *
 * Closed loop: each of the connections sends a request, reads the whole stream, then sends the
 * next on the same kept-alive connection (reconnecting when the server closes it); the prompts
 * rotate over a few fixed ones. Requests that started during the warm-up are not counted; no new
 * request starts after the measured seconds. The last line is machine-readable:
 * {@code RESULT streams=... errors=... ttfb_p50_ms=... first_token_p50_ms=... total_p50_ms=...
 * streams_per_s=... events_per_s=...}.
 *
 * <p>Raw blocking sockets, one thread per connection, rather than {@code java.net.http.HttpClient}:
 * that client reads on its selector thread and hands every response head and body piece to an
 * executor, two thread hand-offs per piece that would land inside the times measured here (on a
 * 2-core machine, tens of microseconds each and jittery), while the question asked of these numbers
 * is a difference of a fraction of a millisecond between paths. Here the clock is read by the
 * thread that returned from {@code read()}. HTTP/1.1 only, plain text only, loopback targets.
 */
public final class StreamBench {
    private static final String[] PROMPTS = {
        "Tell me a short story about a lighthouse keeper.",
        "What is the capital of France, and why is it famous?",
        "Explain how a canary rollout works in three sentences.",
        "Write a haiku about the sea at night.",
        "List some things to pack for a week of hiking.",
    };

    public static void main(String[] args) throws Exception {
        Options options = Options.parse(args);
        long start = System.nanoTime();
        long measureFrom = start + seconds(options.warmupSeconds);
        long stopAt = measureFrom + seconds(options.durationSeconds);
        AtomicLong requestCounter = new AtomicLong();
        List<Worker> workers = new ArrayList<>();
        for (int i = 0; i < options.connections; i++) {
            workers.add(new Worker(options, requestCounter, measureFrom, stopAt));
        }
        workers.forEach(Thread::start);
        for (Worker worker : workers) {
            worker.join();
        }
        report(options, workers, measureFrom);
    }

    private static long seconds(double seconds) {
        return (long) (seconds * 1e9);
    }

    private static void report(Options options, List<Worker> workers, long measureFrom) {
        Samples ttfb = new Samples();
        Samples firstToken = new Samples();
        Samples total = new Samples();
        long events = 0;
        long errors = 0;
        long withoutToken = 0;
        long lastEnd = measureFrom;
        String firstError = null;
        for (Worker worker : workers) {
            ttfb.addAll(worker.ttfb);
            firstToken.addAll(worker.firstToken);
            total.addAll(worker.total);
            events += worker.events;
            errors += worker.errors;
            withoutToken += worker.withoutToken;
            lastEnd = Math.max(lastEnd, worker.lastEnd);
            if (firstError == null) {
                firstError = worker.firstError;
            }
        }
        int streams = total.size();
        // The last measured stream may end a little after the measured seconds: divide by the time
        // the measured streams really took, so a long stream does not inflate the rate.
        double elapsed = Math.max(lastEnd - measureFrom, 1) / 1e9;
        double streamsPerSecond = streams / elapsed;
        double eventsPerSecond = events / elapsed;
        System.out.printf(Locale.ROOT, "%s: %d connections, %.0f s after %.0f s warm-up, max_tokens %d%n",
                options.uri, options.connections, options.durationSeconds, options.warmupSeconds, options.maxTokens);
        System.out.printf(Locale.ROOT, "  streams %d (%.1f/s), events %d (%.1f/s), errors %d, streams without a token %d%n",
                streams, streamsPerSecond, events, eventsPerSecond, errors, withoutToken);
        System.out.printf(Locale.ROOT, "  first byte   p50 %8.3f ms  p99 %8.3f ms%n", ttfb.percentileMs(50), ttfb.percentileMs(99));
        System.out.printf(Locale.ROOT, "  first token  p50 %8.3f ms  p99 %8.3f ms%n", firstToken.percentileMs(50),
                firstToken.percentileMs(99));
        System.out.printf(Locale.ROOT, "  total        p50 %8.3f ms  p99 %8.3f ms%n", total.percentileMs(50), total.percentileMs(99));
        if (firstError != null) {
            System.out.println("  first error: " + firstError);
        }
        System.out.printf(Locale.ROOT, "RESULT streams=%d errors=%d without_token=%d ttfb_p50_ms=%.3f ttfb_p99_ms=%.3f "
                        + "first_token_p50_ms=%.3f first_token_p99_ms=%.3f total_p50_ms=%.3f total_p99_ms=%.3f "
                        + "streams_per_s=%.1f events_per_s=%.1f%n",
                streams, errors, withoutToken, ttfb.percentileMs(50), ttfb.percentileMs(99), firstToken.percentileMs(50),
                firstToken.percentileMs(99), total.percentileMs(50), total.percentileMs(99), streamsPerSecond,
                eventsPerSecond);
    }

    /** Command-line options; a wrong one ends the program with its usage. */
    private record Options(URI uri, int connections, double durationSeconds, double warmupSeconds, int maxTokens) {
        static Options parse(String[] args) {
            URI uri = null;
            int connections = 8;
            double duration = 10;
            double warmup = 5;
            int maxTokens = 32;
            try {
                for (int i = 0; i < args.length; i++) {
                    switch (args[i]) {
                        case "--connections", "-c" -> connections = Integer.parseInt(args[++i]);
                        case "--duration", "-d" -> duration = Double.parseDouble(args[++i]);
                        case "--warmup", "-w" -> warmup = Double.parseDouble(args[++i]);
                        case "--max-tokens" -> maxTokens = Integer.parseInt(args[++i]);
                        default -> {
                            if (uri != null || args[i].startsWith("-")) {
                                throw new IllegalArgumentException("unexpected argument " + args[i]);
                            }
                            uri = URI.create(args[i]);
                        }
                    }
                }
                if (uri == null || !"http".equals(uri.getScheme()) || uri.getHost() == null) {
                    throw new IllegalArgumentException("expected one http:// URL");
                }
                if (connections < 1 || duration <= 0 || warmup < 0 || maxTokens < 1) {
                    throw new IllegalArgumentException("expected connections >= 1, duration > 0, warmup >= 0, max-tokens >= 1");
                }
            } catch (RuntimeException e) {
                System.err.println("StreamBench: " + e.getMessage());
                System.err.println("usage: java load-tests/StreamBench.java URL [--connections C] [--duration D] "
                        + "[--warmup W] [--max-tokens N]");
                System.exit(2);
            }
            return new Options(uri, connections, duration, warmup, maxTokens);
        }
    }

    /** One connection's closed loop, and the times of the requests it measured. */
    private static final class Worker extends Thread {
        private final Options options;
        private final AtomicLong requestCounter;
        private final long measureFrom;
        private final long stopAt;
        final Samples ttfb = new Samples();
        final Samples firstToken = new Samples();
        final Samples total = new Samples();
        long events;
        long errors;
        long withoutToken;
        long lastEnd;
        String firstError;
        private Connection connection;

        Worker(Options options, AtomicLong requestCounter, long measureFrom, long stopAt) {
            this.options = options;
            this.requestCounter = requestCounter;
            this.measureFrom = measureFrom;
            this.stopAt = stopAt;
            setDaemon(true);
        }

        @Override
        public void run() {
            while (true) {
                long started = System.nanoTime();
                if (started >= stopAt) {
                    break;
                }
                boolean measured = started >= measureFrom;
                try {
                    if (connection == null) {
                        connection = new Connection(options.uri);
                        started = System.nanoTime(); // a new connection's handshake is not the server's latency
                    }
                    Stream stream = connection.exchange(requestBytes(), started);
                    if (!connection.keepAlive) {
                        close();
                    }
                    if (measured) {
                        record(stream);
                    }
                } catch (IOException | RuntimeException e) {
                    close();
                    if (measured) {
                        error(e.toString());
                    }
                    pauseAfterError();
                }
            }
            close();
        }

        private void record(Stream stream) {
            if (stream.status != 200 || !stream.eventStream) {
                error("HTTP " + stream.status + (stream.eventStream ? "" : ", not text/event-stream"));
                return;
            }
            ttfb.add(stream.headNanos);
            total.add(stream.endNanos);
            if (stream.firstTokenNanos >= 0) {
                firstToken.add(stream.firstTokenNanos);
            } else {
                withoutToken++;
            }
            events += stream.events;
            lastEnd = Math.max(lastEnd, System.nanoTime());
        }

        private void error(String what) {
            errors++;
            if (firstError == null) {
                firstError = what;
            }
        }

        /** A server that refuses connections must not turn the loop into a busy spin. */
        private static void pauseAfterError() {
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        private byte[] requestBytes() {
            String prompt = PROMPTS[(int) (requestCounter.getAndIncrement() % PROMPTS.length)];
            String body = "{\"model\":\"sample\",\"stream\":true,\"max_tokens\":" + options.maxTokens
                    + ",\"messages\":[{\"role\":\"user\",\"content\":\"" + prompt + "\"}]}";
            byte[] bodyBytes = body.getBytes(StandardCharsets.UTF_8);
            String path = options.uri.getRawPath().isEmpty() ? "/" : options.uri.getRawPath();
            if (options.uri.getRawQuery() != null) {
                path += "?" + options.uri.getRawQuery();
            }
            String head = "POST " + path + " HTTP/1.1\r\n"
                    + "Host: " + options.uri.getHost() + ":" + port(options.uri) + "\r\n"
                    + "Content-Type: application/json\r\n"
                    + "Accept: text/event-stream\r\n"
                    + "Content-Length: " + bodyBytes.length + "\r\n\r\n";
            byte[] headBytes = head.getBytes(StandardCharsets.US_ASCII);
            byte[] request = Arrays.copyOf(headBytes, headBytes.length + bodyBytes.length);
            System.arraycopy(bodyBytes, 0, request, headBytes.length, bodyBytes.length);
            return request;
        }

        private void close() {
            if (connection != null) {
                connection.close();
                connection = null;
            }
        }
    }

    static int port(URI uri) {
        return uri.getPort() < 0 ? 80 : uri.getPort();
    }

    /** What one streamed answer took, in nanoseconds after its request was written. */
    private static final class Stream {
        int status;
        boolean eventStream;
        long headNanos;
        long firstTokenNanos = -1;
        long endNanos;
        int events;
    }

    /**
     * One kept-alive HTTP/1.1 connection with its own read buffer, so that the clock can be read as
     * soon as the bytes that complete the head, or an event, have been read.
     */
    private static final class Connection {
        private final Socket socket;
        private final InputStream in;
        private final OutputStream out;
        private final byte[] buffer = new byte[64 * 1024];
        private int position;
        private int limit;
        boolean keepAlive;

        Connection(URI uri) throws IOException {
            socket = new Socket();
            socket.setTcpNoDelay(true);
            socket.setSoTimeout(30_000);
            socket.connect(new InetSocketAddress(uri.getHost(), port(uri)), 5_000);
            in = socket.getInputStream();
            out = socket.getOutputStream();
        }

        Stream exchange(byte[] request, long started) throws IOException {
            out.write(request);
            out.flush();
            Stream stream = new Stream();
            String statusLine = readLine();
            String[] parts = statusLine.split(" ", 3);
            if (parts.length < 2 || !parts[0].startsWith("HTTP/1.")) {
                throw new IOException("not an HTTP/1.x status line: " + statusLine);
            }
            stream.status = Integer.parseInt(parts[1]);
            keepAlive = parts[0].equals("HTTP/1.1");
            boolean chunked = false;
            long contentLength = -1;
            for (String line = readLine(); !line.isEmpty(); line = readLine()) {
                int colon = line.indexOf(':');
                if (colon < 0) {
                    continue;
                }
                String name = line.substring(0, colon).trim().toLowerCase(Locale.ROOT);
                String value = line.substring(colon + 1).trim().toLowerCase(Locale.ROOT);
                switch (name) {
                    case "transfer-encoding" -> chunked = value.contains("chunked");
                    case "content-length" -> contentLength = Long.parseLong(value);
                    case "connection" -> keepAlive = keepAlive ? !value.contains("close") : value.contains("keep-alive");
                    case "content-type" -> stream.eventStream = value.startsWith("text/event-stream");
                    default -> { }
                }
            }
            stream.headNanos = System.nanoTime() - started;
            EventReader events = new EventReader(stream, started);
            if (chunked) {
                readChunked(events);
            } else if (contentLength >= 0) {
                readExactly(contentLength, events);
            } else {
                readToEnd(events); // delimited by the close
                keepAlive = false;
            }
            stream.endNanos = System.nanoTime() - started;
            return stream;
        }

        private void readChunked(EventReader events) throws IOException {
            while (true) {
                String sizeLine = readLine();
                int semicolon = sizeLine.indexOf(';');
                long size = Long.parseLong((semicolon < 0 ? sizeLine : sizeLine.substring(0, semicolon)).trim(), 16);
                if (size == 0) {
                    while (!readLine().isEmpty()) {
                        // trailers: none expected, skipped
                    }
                    return;
                }
                readExactly(size, events);
                if (!readLine().isEmpty()) {
                    throw new IOException("chunk not followed by CRLF");
                }
            }
        }

        private void readExactly(long count, EventReader events) throws IOException {
            while (count > 0) {
                if (position == limit && !fill()) {
                    throw new IOException("connection closed inside the body");
                }
                int n = (int) Math.min(count, limit - position);
                events.accept(buffer, position, n);
                position += n;
                count -= n;
            }
        }

        private void readToEnd(EventReader events) throws IOException {
            while (position < limit || fill()) {
                events.accept(buffer, position, limit - position);
                position = limit;
            }
        }

        /** A CRLF- or LF-ended line of the head or of the chunk framing, without its end. */
        private String readLine() throws IOException {
            StringBuilder line = new StringBuilder();
            while (true) {
                if (position == limit && !fill()) {
                    throw new IOException("connection closed" + (line.length() > 0 ? " inside a line" : ""));
                }
                byte b = buffer[position++];
                if (b == '\n') {
                    int end = line.length();
                    return end > 0 && line.charAt(end - 1) == '\r' ? line.substring(0, end - 1) : line.toString();
                }
                line.append((char) (b & 0xff));
            }
        }

        private boolean fill() throws IOException {
            int n = in.read(buffer, 0, buffer.length);
            if (n <= 0) {
                return false;
            }
            position = 0;
            limit = n;
            return true;
        }

        void close() {
            try {
                socket.close();
            } catch (IOException ignored) {
                // closing a connection we are done with: nothing to do about a failure
            }
        }
    }

    /**
     * Splits the decoded body into server-sent events (lines, a blank line ends an event) and
     * notes when the first event carrying text arrived. Only {@code data:} lines matter here.
     */
    private static final class EventReader {
        private final Stream stream;
        private final long started;
        private byte[] line = new byte[1024];
        private int lineLength;
        private final StringBuilder data = new StringBuilder();
        private boolean hasData;
        private boolean done;

        EventReader(Stream stream, long started) {
            this.stream = stream;
            this.started = started;
        }

        void accept(byte[] bytes, int offset, int length) {
            for (int i = offset; i < offset + length; i++) {
                byte b = bytes[i];
                if (b == '\n') {
                    endLine();
                } else {
                    if (lineLength == line.length) {
                        line = Arrays.copyOf(line, line.length * 2);
                    }
                    line[lineLength++] = b;
                }
            }
        }

        private void endLine() {
            int length = lineLength > 0 && line[lineLength - 1] == '\r' ? lineLength - 1 : lineLength;
            lineLength = 0;
            if (length == 0) {
                dispatch();
                return;
            }
            String text = new String(line, 0, length, StandardCharsets.UTF_8);
            if (text.startsWith("data:")) {
                String value = text.substring(text.startsWith("data: ") ? 6 : 5);
                if (hasData) {
                    data.append('\n');
                }
                data.append(value);
                hasData = true;
            }
        }

        private void dispatch() {
            if (!hasData || done) {
                data.setLength(0);
                hasData = false;
                return;
            }
            String event = data.toString();
            data.setLength(0);
            hasData = false;
            if (event.strip().equals("[DONE]")) {
                done = true;
                return;
            }
            stream.events++;
            if (stream.firstTokenNanos < 0 && hasContent(event)) {
                stream.firstTokenNanos = System.nanoTime() - started;
            }
        }

        /**
         * Whether a chunk's {@code "content"} is a non-empty string. A scan, not a JSON parse: the
         * JDK has no JSON parser, and the chunks of a chat completion stream carry one
         * {@code content} key (in {@code choices[0].delta}); a role-only first chunk has none, or
         * an empty or null one.
         */
        static boolean hasContent(String chunk) {
            int key = chunk.indexOf("\"content\"");
            if (key < 0) {
                return false;
            }
            int i = key + "\"content\"".length();
            while (i < chunk.length() && (chunk.charAt(i) == ' ' || chunk.charAt(i) == ':')) {
                i++;
            }
            return i + 1 < chunk.length() && chunk.charAt(i) == '"' && chunk.charAt(i + 1) != '"';
        }
    }

    /** Nanosecond samples, kept whole: a few hundred thousand at most. */
    private static final class Samples {
        private long[] values = new long[1024];
        private int size;

        void add(long value) {
            if (size == values.length) {
                values = Arrays.copyOf(values, size * 2);
            }
            values[size++] = value;
        }

        void addAll(Samples other) {
            for (int i = 0; i < other.size; i++) {
                add(other.values[i]);
            }
        }

        int size() {
            return size;
        }

        /** Nearest-rank percentile in milliseconds; NaN with no samples. */
        double percentileMs(double percent) {
            if (size == 0) {
                return Double.NaN;
            }
            long[] sorted = Arrays.copyOf(values, size);
            Arrays.sort(sorted);
            int rank = (int) Math.ceil(percent / 100 * size);
            return sorted[Math.max(rank, 1) - 1] / 1e6;
        }
    }
}
