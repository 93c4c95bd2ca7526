package io.shadowgate.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@link ProxyHandler} and {@link Exchange} on {@link EmbeddedProxy}: pipelined requests and an
 * upstream that goes away at each point of an exchange, with every step taken by the test.
 * Buffers left unreleased fail the class through the suite's paranoid leak check.
 */
class ProxyHandlerEmbeddedTest {
    private final EmbeddedProxy proxy = new EmbeddedProxy();

    @AfterEach
    void close() {
        proxy.close();
    }

    static String post(String uri, String body) {
        return "POST " + uri + " HTTP/1.1\r\nHost: gateway\r\nContent-Type: application/json\r\nContent-Length: "
                + body.length() + "\r\n\r\n" + body;
    }

    static String ok(String body) {
        return "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: " + body.length() + "\r\n\r\n"
                + body;
    }

    @Test
    void pipelinedRequestsGoUpstreamOneAtATimeOnOneConnectionAndAreAnsweredInOrder() {
        proxy.clientSends(post("/score?n=1", "{\"n\":1}") + post("/score?n=2", "{\"n\":2}"));

        assertThat(proxy.upstreams()).hasSize(1);
        assertThat(proxy.upstreamReceived(0)).startsWith("POST /score?n=1 HTTP/1.1\r\n").endsWith("{\"n\":1}")
                .doesNotContain("n=2");
        assertThat(proxy.clientReceived()).isEmpty();

        proxy.upstreamSends(0, ok("{\"answer\":1}"));
        assertThat(proxy.clientReceived()).startsWith("HTTP/1.1 200 OK\r\n").endsWith("{\"answer\":1}");
        assertThat(proxy.upstreamReceived(0)).startsWith("POST /score?n=2 HTTP/1.1\r\n").endsWith("{\"n\":2}");

        proxy.upstreamSends(0, ok("{\"answer\":2}"));
        assertThat(proxy.clientReceived()).startsWith("HTTP/1.1 200 OK\r\n").endsWith("{\"answer\":2}");
        assertThat(proxy.upstreams()).as("the connection was reused for the second request").hasSize(1);
        assertThat(proxy.client().isActive()).isTrue();
    }

    @Test
    void aRejectedRequestInAPipelineEndsTheConnectionAndTheRequestsBehindItNeverGoUpstream() {
        String noHost = "POST /score HTTP/1.1\r\nContent-Length: 2\r\n\r\n{}";
        proxy.clientSends(post("/score?n=1", "{}") + noHost + post("/score?n=3", "{}"));
        assertThat(proxy.upstreamReceived(0)).startsWith("POST /score?n=1 ");

        proxy.upstreamSends(0, ok("{\"answer\":1}"));

        String answers = proxy.clientReceived();
        assertThat(answers).startsWith("HTTP/1.1 200 OK\r\n").contains("{\"answer\":1}HTTP/1.1 400 Bad Request\r\n");
        assertThat(answers).doesNotContain("answer\":3");
        assertThat(proxy.upstreamReceived(0)).isEmpty();
        assertThat(proxy.client().isOpen()).isFalse();
    }

    @Test
    void anUpstreamClosingBeforeAnyResponseOnANewConnectionIsA502AndTheClientKeepsItsConnection() {
        proxy.clientSends(post("/score", "{}"));
        proxy.upstream(0).close();
        proxy.client().runPendingTasks();

        String answer = proxy.clientReceived();
        assertThat(answer).startsWith("HTTP/1.1 502 Bad Gateway\r\n").contains("\"error\":\"upstream_reset\"");
        assertThat(proxy.upstreams()).as("a new connection is not retried").hasSize(1);
        assertThat(proxy.client().isActive()).isTrue();
        assertThat(proxy.pool().openConnections()).isZero();
    }

    @Test
    void aReusedConnectionClosedBeforeAnyResponseIsRetriedOnceOnANewOne() {
        proxy.clientSends(post("/score?n=1", "{}"));
        proxy.upstreamReceived(0);
        proxy.upstreamSends(0, ok("{\"answer\":1}"));
        assertThat(proxy.clientReceived()).endsWith("{\"answer\":1}");

        proxy.clientSends(post("/score?n=2", "{\"n\":2}"));
        assertThat(proxy.upstreamReceived(0)).startsWith("POST /score?n=2 ");
        proxy.upstream(0).close(); // it had timed the idle connection out just as the request arrived
        proxy.client().runPendingTasks();

        assertThat(proxy.upstreams()).hasSize(2);
        assertThat(proxy.upstreamReceived(1)).startsWith("POST /score?n=2 ").endsWith("{\"n\":2}");
        proxy.upstreamSends(1, ok("{\"answer\":2}"));
        assertThat(proxy.clientReceived()).startsWith("HTTP/1.1 200 OK\r\n").endsWith("{\"answer\":2}");
    }

    @Test
    void aRetriedRequestWhoseNewConnectionAlsoClosesIsA502NotASecondRetry() {
        proxy.clientSends(post("/score?n=1", "{}"));
        proxy.upstreamSends(0, ok("{}"));
        proxy.clientReceived();

        proxy.clientSends(post("/score?n=2", "{}"));
        proxy.upstream(0).close();
        proxy.client().runPendingTasks();
        proxy.upstream(1).close();
        proxy.client().runPendingTasks();

        assertThat(proxy.clientReceived()).startsWith("HTTP/1.1 502 Bad Gateway\r\n")
                .contains("\"error\":\"upstream_reset\"");
        assertThat(proxy.upstreams()).hasSize(2);
    }

    @Test
    void anUpstreamClosingMidBodyCutsTheClientConnectionAfterWhatWasRelayed() {
        proxy.clientSends(post("/score", "{}"));
        proxy.upstreamSends(0, "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n"
                + "{\"predictions\":[");

        proxy.upstream(0).close();
        proxy.client().runPendingTasks();

        String relayed = proxy.clientReceived();
        assertThat(relayed).startsWith("HTTP/1.1 200 OK\r\n").endsWith("{\"predictions\":[");
        assertThat(relayed).as("no error answer after a status line is out").doesNotContain("HTTP/1.1 502").doesNotContain("upstream_");
        assertThat(proxy.client().isOpen()).isFalse();
    }

    @Test
    void anUpstreamThatNeverAnswersIsA504AfterTheUpstreamTimeout() {
        proxy.clientSends(post("/score", "{}"));

        proxy.advance(EmbeddedProxy.UPSTREAM_TIMEOUT.minusMillis(1));
        assertThat(proxy.clientReceived()).isEmpty();
        proxy.advance(Duration.ofMillis(1));

        assertThat(proxy.clientReceived()).startsWith("HTTP/1.1 504 Gateway Timeout\r\n")
                .contains("\"error\":\"upstream_timeout\"");
        assertThat(proxy.upstream(0).isOpen()).as("a connection left mid-exchange is not reused").isFalse();
        assertThat(proxy.pool().openConnections()).isZero();
    }
}
