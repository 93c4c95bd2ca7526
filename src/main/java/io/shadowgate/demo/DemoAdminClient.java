package io.shadowgate.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * Reads the gateway's admin API over HTTP, as an operator's script would: the demo shows only
 * what {@code GET /status} shows anyone, so what it prints can be checked with curl.
 */
final class DemoAdminClient {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    /** Generous: a fresh JVM on two busy cores can take seconds to answer its first admin request. */
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final String baseUrl;
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(TIMEOUT).build();

    DemoAdminClient(int adminPort) {
        this.baseUrl = "http://127.0.0.1:" + adminPort;
    }

    String baseUrl() {
        return baseUrl;
    }

    /** {@code POST /rollout/{command}}, e.g. pause or resume; throws unless the gateway answers 200. */
    void rolloutCommand(String command) throws IOException, InterruptedException {
        HttpResponse<String> response = client.send(HttpRequest.newBuilder(URI.create(baseUrl + "/rollout/" + command))
                .timeout(TIMEOUT).POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException("POST /rollout/" + command + " answered " + response.statusCode() + ": "
                    + response.body());
        }
    }

    /** {@code GET /metrics}: the Prometheus text. */
    String metrics() throws IOException, InterruptedException {
        HttpResponse<String> response = client.send(HttpRequest.newBuilder(URI.create(baseUrl + "/metrics"))
                .timeout(TIMEOUT).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException("GET /metrics answered " + response.statusCode());
        }
        return response.body();
    }

    /** The {@code rollout} object of {@code GET /status}. */
    JsonNode rolloutStatus() throws IOException, InterruptedException {
        HttpResponse<String> response = client.send(HttpRequest.newBuilder(URI.create(baseUrl + "/status"))
                .timeout(TIMEOUT).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException("GET /status answered " + response.statusCode() + ": " + response.body());
        }
        return JSON.readTree(response.body()).path("rollout");
    }
}
