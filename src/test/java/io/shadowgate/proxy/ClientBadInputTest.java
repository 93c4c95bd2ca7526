package io.shadowgate.proxy;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.shadowgate.config.ServerConfig;
import io.shadowgate.testing.GatewayExtension;
import io.shadowgate.testing.LoopbackWireMock;
import io.shadowgate.testing.RawHttp;
import io.shadowgate.testing.Scrapes;
import io.shadowgate.testing.TestConfigs;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Bad input from clients: each gets a defined answer (400, 408, 413, 431, 505) or a clean close,
 * nothing of it reaches the model, and the gateway keeps serving everyone else. Complements
 * {@link ProxyErrorsTest}, which covers the basic 400, 413, 414 and 431 answers.
 */
class ClientBadInputTest {
    @RegisterExtension
    static WireMockExtension model = LoopbackWireMock.extension();

    private static final String ANSWER = "{\"predictions\":[1]}";
    @RegisterExtension
    final GatewayExtension gateway = GatewayExtension.startedByTest();

    @BeforeEach
    void stub() {
        model.stubFor(any(anyUrl()).willReturn(aResponse().withHeader("Content-Type", "application/json")
                .withBody(ANSWER)));
    }

    /** Default limits, except the idle timeout, which also bounds how long one request may take to arrive. */
    private void start(Duration idleTimeout) throws Exception {
        ServerConfig server = new ServerConfig("127.0.0.1", 0, 1024 * 1024, 16 * 1024, idleTimeout,
                Duration.ofSeconds(5), 2);
        gateway.start(TestConfigs.gateway(server,
                TestConfigs.upstream("http://127.0.0.1:" + model.getPort(), Duration.ofSeconds(10), 16, Map.of()), ""));
    }

    private void start() throws Exception {
        start(Duration.ofSeconds(60));
    }

    private String exchangeUntilClose(String request) throws IOException {
        try (RawHttp raw = new RawHttp(gateway.proxyPort())) {
            return raw.send(request).readUntilClose();
        }
    }

    private void assertStillServing() throws IOException {
        try (RawHttp raw = new RawHttp(gateway.proxyPort())) {
            String answer = raw.send("POST /alive HTTP/1.1\r\nHost: gw\r\nContent-Length: 2\r\n\r\n{}").readResponse();
            assertThat(answer).startsWith("HTTP/1.1 200").endsWith(ANSWER);
        }
    }

    /** What the model received from clients, leaving out the gateway's own readiness probes. */
    private static List<LoggedRequest> modelRequests() {
        return model.findAll(anyRequestedFor(anyUrl())).stream()
                .filter(request -> !"shadowgate-probe".equals(request.getHeader("User-Agent")))
                .toList();
    }

    private double rejected(String reason) {
        return Scrapes.value(gateway.metrics().scrape(), "shadowgate_rejected_requests_total", Map.of("reason", reason));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            illegal character in the method  | G(T /score HTTP/1.1\\r\\nHost: gw\\r\\n\\r\\n                      | 400 | bad_request
            a space in the target            | GET /sc ore HTTP/1.1\\r\\nHost: gw\\r\\n\\r\\n                     | 400 | bad_request
            an unknown HTTP major version    | GET /score HTTP/9.9\\r\\nHost: gw\\r\\n\\r\\n                      | 505 | http_version_not_supported
            a header without a colon         | GET /score HTTP/1.1\\r\\nHost gw\\r\\n\\r\\n                       | 400 | bad_request
            a space before the colon         | GET /score HTTP/1.1\\r\\nHost : gw\\r\\n\\r\\n                     | 400 | bad_request
            an illegal header name           | GET /score HTTP/1.1\\r\\nHo(st: gw\\r\\n\\r\\n                     | 400 | bad_request
            a NUL in a header value          | GET /score HTTP/1.1\\r\\nHost: gw\\r\\nX-A: a\\u0000b\\r\\n\\r\\n      | 400 | bad_request
            bare LF line endings             | GET /score HTTP/1.1\\nHost: gw\\n\\n                               | 400 | bad_request
            HTTP/1.1 without Host            | GET /score HTTP/1.1\\r\\nX-A: b\\r\\n\\r\\n                        | 400 | bad_request
            two Host headers                 | GET /score HTTP/1.1\\r\\nHost: a\\r\\nHost: b\\r\\n\\r\\n             | 400 | bad_request
            not HTTP at all                  | \\u0016\\u0003\\u0001\\u0000\\u00a5\\u0001\\u0000\\u0000\\r\\n\\r\\n        | 400 | bad_request
            """)
    void malformedRequestLinesAndHeadersGetADefinedAnswerAndAClose(String name, String request, int status,
                                                                   String error) throws Exception {
        start();
        String answer = exchangeUntilClose(unescape(request));
        assertThat(answer).as(name).startsWith("HTTP/1.1 " + status).contains("\"error\":\"" + error + "\"")
                .doesNotContain("<timeout");
        assertThat(modelRequests()).as("the model never saw it").isEmpty();
        assertThat(rejected(error)).isEqualTo(1.0);
        assertStillServing();
    }

    @Test
    void anUnknownButWellFormedMethodIsForwardedAsItIs() throws Exception {
        start();
        try (RawHttp raw = new RawHttp(gateway.proxyPort())) {
            String answer = raw.send("BREW /pot HTTP/1.1\r\nHost: gw\r\n\r\n").readResponse();
            assertThat(answer).startsWith("HTTP/1.1 200").endsWith(ANSWER);
        }
        assertThat(model.findAll(anyRequestedFor(urlEqualTo("/pot"))).get(0).getMethod().value()).isEqualTo("BREW");
    }

    /**
     * Request smuggling: the gateway must never let a client and the model disagree on where a
     * request ends. Each attempt carries a second request ({@code /smuggled}) that a parser
     * trusting the other framing would see; the model must see neither.
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            Content-Length then Transfer-Encoding | Content-Length: 4\\r\\nTransfer-Encoding: chunked
            Transfer-Encoding then Content-Length | Transfer-Encoding: chunked\\r\\nContent-Length: 4
            a coding after chunked                | Transfer-Encoding: chunked, identity
            an unknown coding                     | Transfer-Encoding: xchunked
            an obs-folded Transfer-Encoding       | Transfer-Encoding:\\r\\n chunked
            two different Content-Lengths         | Content-Length: 5\\r\\nContent-Length: 61
            a signed Content-Length               | Content-Length: +5
            """)
    void smugglingAttemptsAre400AndCloseBeforeTheModelSeesAnything(String name, String framing) throws Exception {
        start();
        String smuggled = "GET /smuggled HTTP/1.1\r\nHost: gw\r\n\r\n";
        String answer = exchangeUntilClose("POST /score HTTP/1.1\r\nHost: gw\r\n" + unescape(framing) + "\r\n\r\n"
                + "5\r\nhello\r\n0\r\n\r\n" + smuggled);
        assertThat(answer).as(name).startsWith("HTTP/1.1 400").contains("\"error\":\"bad_request\"")
                .doesNotContain("<timeout").doesNotContain("HTTP/1.1 200");
        assertThat(modelRequests()).as("the model saw nothing").isEmpty();
        assertStillServing();
    }

    @Test
    void transferEncodingInAnHttp10RequestIs400() throws Exception {
        start();
        String answer = exchangeUntilClose("POST /score HTTP/1.0\r\nHost: gw\r\nTransfer-Encoding: chunked\r\n\r\n"
                + "2\r\n{}\r\n0\r\n\r\n");
        assertThat(answer).startsWith("HTTP/1.1 400").doesNotContain("<timeout");
        assertThat(modelRequests()).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            a chunk size that is not hex          | zz\\r\\n{}\\r\\n0\\r\\n\\r\\n
            chunk data longer than its size        | 2\\r\\n{}XX\\r\\n0\\r\\n\\r\\n
            a bare LF in a chunk header            | 2;a\\nb\\r\\n{}\\r\\n0\\r\\n\\r\\n
            a chunk size beyond any integer        | 1ffffffffffffffff\\r\\n{}\\r\\n0\\r\\n\\r\\n
            """)
    void invalidChunkedEncodingIs400AndClose(String name, String body) throws Exception {
        start();
        String answer = exchangeUntilClose("POST /score HTTP/1.1\r\nHost: gw\r\nTransfer-Encoding: chunked\r\n\r\n"
                + unescape(body));
        assertThat(answer).as(name).startsWith("HTTP/1.1 400").doesNotContain("<timeout");
        assertThat(modelRequests()).isEmpty();
        assertStillServing();
    }

    @Test
    void aBodyLongerThanContentLengthIsCutThereAndTheRestParsedAsTheNextRequest() throws Exception {
        start();
        String answer = exchangeUntilClose("POST /score HTTP/1.1\r\nHost: gw\r\nContent-Length: 2\r\n\r\n"
                + "{}{\"extra\":true}\r\n\r\n");
        // The first request is exactly its Content-Length; the leftover is not HTTP, so 400 and close.
        assertThat(answer).startsWith("HTTP/1.1 200").contains(ANSWER).doesNotContain("<timeout");
        assertThat(answer.substring(answer.indexOf(ANSWER))).contains("HTTP/1.1 400").contains("bad_request");
        List<LoggedRequest> seen = model.findAll(postRequestedFor(urlEqualTo("/score")));
        assertThat(seen).hasSize(1);
        assertThat(seen.get(0).getBodyAsString()).isEqualTo("{}");
        assertStillServing();
    }

    @Test
    void aBodyShorterThanContentLengthGets408AndTheModelNeverSeesIt() throws Exception {
        start(Duration.ofMillis(800));
        try (RawHttp raw = new RawHttp(gateway.proxyPort())) {
            raw.send("POST /score HTTP/1.1\r\nHost: gw\r\nContent-Length: 100\r\n\r\n{\"only\":\"part\"}");
            assertStillServing(); // meanwhile, on another connection
            String answer = raw.readUntilClose();
            assertThat(answer).startsWith("HTTP/1.1 408").contains("\"error\":\"request_timeout\"")
                    .contains("server.idleTimeout").doesNotContain("<timeout");
        }
        assertThat(model.findAll(postRequestedFor(urlEqualTo("/score")))).isEmpty();
        assertThat(rejected("request_timeout")).isEqualTo(1.0);
    }

    /**
     * Slow-loris: the headers arrive a byte at a time, faster than the idle timeout, so only a
     * deadline on the whole request ends it. The client would need far longer than the deadline to
     * finish; it gets 408 well before, and a normal client is served meanwhile.
     */
    @Test
    void headersDribbledAByteAtATimeGet408WhileOthersAreServed() throws Exception {
        start(Duration.ofMillis(1500));
        String head = "POST /score HTTP/1.1\r\nHost: gw\r\nX-Padding: " + "p".repeat(60) + "\r\n";
        try (Socket socket = new Socket("127.0.0.1", gateway.proxyPort())) {
            socket.setSoTimeout(10_000);
            AtomicBoolean answered = new AtomicBoolean();
            CompletableFuture<Integer> dribbled = CompletableFuture.supplyAsync(() -> dribble(socket, head, answered));
            assertStillServing();
            String answer = readUntilCloseOrReset(socket, answered);
            assertThat(answer).startsWith("HTTP/1.1 408").contains("\"error\":\"request_timeout\"");
            assertThat(dribbled.get(10, TimeUnit.SECONDS)).as("bytes written before the answer")
                    .isLessThan(head.length());
        }
        assertThat(model.findAll(postRequestedFor(urlEqualTo("/score")))).isEmpty();
        assertStillServing();
    }

    /**
     * Writes one byte every 100 ms until the gateway answers or the head is out; returns how many
     * went out. Stops at the answer: a byte written after the gateway's close would be answered
     * with a reset, which can discard the 408 before the reader has it.
     */
    private static int dribble(Socket socket, String head, AtomicBoolean answered) {
        int sent = 0;
        try {
            OutputStream out = socket.getOutputStream();
            for (byte b : head.getBytes(StandardCharsets.ISO_8859_1)) {
                if (answered.get()) {
                    break;
                }
                out.write(b);
                out.flush();
                sent++;
                Thread.sleep(100);
            }
        } catch (IOException | InterruptedException closed) {
            // the gateway closed the connection: the point of the test
        }
        return sent;
    }

    /** What arrives until the gateway closes, keeping what was read if the close comes as a reset. */
    private static String readUntilCloseOrReset(Socket socket, AtomicBoolean answered) throws IOException {
        java.io.ByteArrayOutputStream all = new java.io.ByteArrayOutputStream();
        byte[] buffer = new byte[4096];
        try {
            int n;
            while ((n = socket.getInputStream().read(buffer)) != -1) {
                answered.set(true);
                all.write(buffer, 0, n);
            }
        } catch (java.net.SocketException reset) {
            // the end of the connection all the same
        }
        answered.set(true);
        return all.toString(StandardCharsets.ISO_8859_1);
    }

    @Test
    void manyPipelinedRequestsAreAnsweredInOrderPastTheQueueLimit() throws Exception {
        start();
        int count = 40; // well past ProxyHandler's queue of 8, so reading pauses and resumes
        StringBuilder burst = new StringBuilder();
        for (int i = 0; i < count; i++) {
            burst.append("POST /score HTTP/1.1\r\nHost: gw\r\nX-Request-Id: pipelined-").append(i)
                    .append("\r\nContent-Length: 2\r\n\r\n{}");
        }
        try (RawHttp raw = new RawHttp(gateway.proxyPort())) {
            raw.send(burst.toString());
            for (int i = 0; i < count; i++) {
                String answer = raw.readResponse();
                assertThat(answer).startsWith("HTTP/1.1 200").containsIgnoringCase("x-request-id: pipelined-" + i + "\r\n")
                        .endsWith(ANSWER);
            }
        }
        assertThat(model.findAll(postRequestedFor(urlEqualTo("/score")))).hasSize(count);
    }

    @Test
    void hugeHeadersAndHugeBodiesAreRefusedWithoutReachingTheModel() throws Exception {
        start();
        String header = exchangeUntilClose("GET /score HTTP/1.1\r\nHost: gw\r\nX-Huge: " + "h".repeat(1 << 20)
                + "\r\n\r\n");
        assertThat(header).startsWith("HTTP/1.1 431").doesNotContain("<timeout");
        // A chunked body grows past the 1 MiB limit: 413 and close, without waiting for its end. The
        // gateway reads and drops the rest (LingeringClose), so the writes succeed and no reset
        // takes the answer away.
        try (Socket socket = new Socket("127.0.0.1", gateway.proxyPort())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write("POST /score HTTP/1.1\r\nHost: gw\r\nTransfer-Encoding: chunked\r\n\r\n"
                    .getBytes(StandardCharsets.ISO_8859_1));
            byte[] chunk = ("10000\r\n" + "b".repeat(0x10000) + "\r\n").getBytes(StandardCharsets.ISO_8859_1);
            for (int i = 0; i < 48; i++) { // 3 MiB: past the limit, within what the gateway drops
                out.write(chunk);
            }
            String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
            assertThat(answer).startsWith("HTTP/1.1 413").contains("body_too_large");
        }
        assertThat(rejected("body_too_large")).isEqualTo(1.0);
        assertThat(modelRequests()).isEmpty();
        assertStillServing();
    }

    /**
     * A client that writes its whole request before reading (as most do) must get the refusal, not
     * a reset: the gateway refuses early, and closing with unread bytes would make the kernel send
     * RST, which can discard the answer on its way. Repeated, as a reset is a race the client loses
     * only sometimes.
     */
    @Test
    void aClientStillSendingWhenRefusedGetsTheRefusalAndThenTheEndOfTheConnection() throws Exception {
        start();
        byte[] hugeHead = ("GET /score HTTP/1.1\r\nHost: gw\r\nX-Huge: " + "h".repeat(1 << 20) + "\r\n\r\n")
                .getBytes(StandardCharsets.ISO_8859_1);
        byte[] hugeBody = chunkedBody(32); // 2 MiB, twice the limit
        for (int i = 0; i < 5; i++) {
            assertThat(sendAllThenReadUntilClose(hugeHead)).as("attempt %d", i).startsWith("HTTP/1.1 431")
                    .contains("\"error\":\"headers_too_large\"");
            assertThat(sendAllThenReadUntilClose(hugeBody)).as("attempt %d", i).startsWith("HTTP/1.1 413")
                    .contains("\"error\":\"body_too_large\"");
        }
        assertThat(rejected("headers_too_large")).isEqualTo(5.0);
        assertThat(rejected("body_too_large")).isEqualTo(5.0);
        assertThat(modelRequests()).isEmpty();
        assertStillServing();
    }

    /** A refused client that keeps the connection open and keeps sending is cut off soon all the same. */
    @Test
    void aRefusedClientThatKeepsSendingIsClosedAfterABoundedLinger() throws Exception {
        start();
        try (Socket socket = new Socket("127.0.0.1", gateway.proxyPort())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write("GET /score HTTP/1.1\r\nHost gw\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
            String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
            assertThat(answer).as("the answer, then the gateway's half-close").startsWith("HTTP/1.1 400");
            byte[] more = new byte[64 * 1024];
            await().atMost(Duration.ofSeconds(10)).until(() -> {
                try {
                    out.write(more); // discarded while the gateway lingers, refused once it has closed
                    return false;
                } catch (IOException closed) {
                    return true;
                }
            });
        }
        assertStillServing();
    }

    private static byte[] chunkedBody(int chunks) {
        StringBuilder request = new StringBuilder("POST /score HTTP/1.1\r\nHost: gw\r\nTransfer-Encoding: chunked\r\n\r\n");
        String chunk = "10000\r\n" + "b".repeat(0x10000) + "\r\n";
        for (int i = 0; i < chunks; i++) {
            request.append(chunk);
        }
        return request.append("0\r\n\r\n").toString().getBytes(StandardCharsets.ISO_8859_1);
    }

    /** Writes the whole request before reading anything; a reset on either side fails the test. */
    private String sendAllThenReadUntilClose(byte[] request) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", gateway.proxyPort())) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(request);
            socket.getOutputStream().flush();
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
        }
    }

    @Test
    void nonJsonAndInvalidJsonBodiesAreForwardedByteForByte() throws Exception {
        start();
        byte[][] bodies = {
                "{\"truncated\": [1, 2".getBytes(StandardCharsets.UTF_8),
                "plain text, not JSON".getBytes(StandardCharsets.UTF_8),
                {(byte) 0xff, (byte) 0xfe, 0, 1, (byte) 0x80, '{', '}'},
        };
        for (byte[] body : bodies) {
            try (Socket socket = new Socket("127.0.0.1", gateway.proxyPort())) {
                socket.setSoTimeout(10_000);
                OutputStream out = socket.getOutputStream();
                out.write(("POST /raw HTTP/1.1\r\nHost: gw\r\nContent-Type: application/json\r\nContent-Length: "
                        + body.length + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
                out.write(body);
                out.flush();
                assertThat(new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1))
                        .startsWith("HTTP/1.1 200");
            }
        }
        List<LoggedRequest> seen = model.findAll(postRequestedFor(urlEqualTo("/raw")));
        assertThat(seen).hasSize(bodies.length);
        for (int i = 0; i < bodies.length; i++) {
            assertThat(seen.get(i).getBody()).as("body %d", i).isEqualTo(bodies[i]);
        }
    }

    /** The CSV cells spell CR, LF and other control bytes as Java escapes. */
    private static String unescape(String text) {
        return text.replace("\\r", "\r").replace("\\n", "\n").replace("\\u0000", "\u0000")
                .replace("\\u0016", "\u0016").replace("\\u0003", "\u0003").replace("\\u0001", "\u0001")
                .replace("\\u00a5", "\u00a5");
    }
}
