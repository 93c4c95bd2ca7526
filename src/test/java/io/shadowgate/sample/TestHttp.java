package io.shadowgate.sample;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.shadowgate.testing.Http1;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** A small HTTP/1.1 client for the tests: one JDK client, JSON bodies as trees. */
final class TestHttp {
    static final ObjectMapper JSON = new ObjectMapper();
    static final HttpClient CLIENT = Http1.client(Duration.ofSeconds(5));

    private TestHttp() {}

    static HttpResponse<String> get(String url) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(URI.create(url)).GET());
    }

    static HttpResponse<String> post(String url, String body) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    static HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return CLIENT.send(request.timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    }

    static JsonNode json(HttpResponse<String> response) throws IOException {
        return JSON.readTree(response.body());
    }

    /** The {@code predictions} of a {@code /score} response as a matrix. */
    static double[][] predictions(HttpResponse<String> response) throws IOException {
        JsonNode rows = json(response).get("predictions");
        double[][] out = new double[rows.size()][];
        for (int i = 0; i < out.length; i++) {
            out[i] = new double[rows.get(i).size()];
            for (int k = 0; k < out[i].length; k++) {
                out[i][k] = rows.get(i).get(k).asDouble();
            }
        }
        return out;
    }
}
