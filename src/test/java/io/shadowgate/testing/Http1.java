package io.shadowgate.testing;

import java.net.http.HttpClient;
import java.time.Duration;

/**
 * The JDK HTTP client as the tests use it: HTTP/1.1 only, as the gateway speaks nothing else (the
 * JDK default would try an h2c upgrade on every new connection). A new client per call, not one
 * shared instance: each client has its own connection pool, and tests that count the gateway's
 * client or upstream connections must not see connections another test class left open.
 */
public final class Http1 {
    private Http1() {}

    public static HttpClient client() {
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    }

    /** A client that gives up connecting after {@code connectTimeout}, for tests that point it at dead ports. */
    public static HttpClient client(Duration connectTimeout) {
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(connectTimeout).build();
    }
}
