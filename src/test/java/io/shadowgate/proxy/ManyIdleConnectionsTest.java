package io.shadowgate.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.management.UnixOperatingSystemMXBean;
import io.shadowgate.gateway.Gateway;
import io.shadowgate.testing.IdleClients;
import io.shadowgate.testing.RawHttp;
import io.shadowgate.testing.StubModel;
import io.shadowgate.testing.TestConfigs;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Ten thousand idle client connections (fewer only when the file limit does not allow them; the
 * test prints how many it reached) cost the gateway nothing but file descriptors: while they are
 * held, a normal client is served and the admin API answers; once they close, the gateway has
 * freed every one. The idle ends live in a child process, so each process needs one descriptor
 * per connection, not two.
 */
class ManyIdleConnectionsTest {
    private static final int WANTED = 10_000;
    private static final ObjectMapper JSON = new ObjectMapper();

    /** What both processes can afford: the file limit less what is already open, less a margin. */
    private static int affordable() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof UnixOperatingSystemMXBean os) {
            return (int) Math.min(WANTED, os.getMaxFileDescriptorCount() - os.getOpenFileDescriptorCount() - 1000);
        }
        return WANTED;
    }

    @Test
    void tenThousandIdleConnectionsAreHeldWhileOthersAreServedAndAllFreedAfter() throws Exception {
        int target = affordable();
        assertThat(target).as("file limit too low for a meaningful run").isGreaterThan(1000);
        try (StubModel model = new StubModel(0);
             Gateway gateway = Gateway.start(TestConfigs.gateway(model.url()))) {
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            Process clients = new ProcessBuilder(List.of(java, "-XX:TieredStopAtLevel=1", "-cp",
                    System.getProperty("java.class.path"), IdleClients.class.getName(),
                    String.valueOf(gateway.proxyPort()), String.valueOf(target)))
                    .redirectError(ProcessBuilder.Redirect.INHERIT).start();
            try {
                BufferedReader out = new BufferedReader(new InputStreamReader(clients.getInputStream(),
                        StandardCharsets.UTF_8));
                String opened = out.readLine();
                System.out.println("ManyIdleConnectionsTest: wanted " + WANTED + ", file limit allows " + target
                        + ", child says: " + opened);
                assertThat(opened).isEqualTo("opened " + target);
                await().atMost(Duration.ofSeconds(20)).until(() -> openClientConnections(gateway) >= target);

                try (RawHttp raw = new RawHttp(gateway.proxyPort())) {
                    String answer = raw.send("POST /score HTTP/1.1\r\nHost: gw\r\nContent-Length: 2\r\n\r\n{}")
                            .readResponse();
                    assertThat(answer).startsWith("HTTP/1.1 200").endsWith("{\"predictions\":[1]}");
                }
                assertThat(admin(gateway, "/readyz").statusCode()).isEqualTo(200);

                clients.getOutputStream().close(); // the child closes every connection and exits
                assertThat(out.readLine()).isEqualTo("closed");
                assertThat(clients.waitFor(20, TimeUnit.SECONDS)).isTrue();
                await().atMost(Duration.ofSeconds(20)).until(() -> openClientConnections(gateway) == 0);
            } finally {
                clients.destroyForcibly();
            }
        }
    }

    private static HttpResponse<String> admin(Gateway gateway, String path) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + gateway.adminPort() + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static int openClientConnections(Gateway gateway) throws Exception {
        return JSON.readTree(admin(gateway, "/status").body()).path("proxy").path("openConnections").asInt();
    }
}
