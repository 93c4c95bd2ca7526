package io.shadowgate.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * The scoring side of an Azure ML online endpoint on 127.0.0.1: requests carrying
 * {@code azureml-model-deployment} go to that deployment's model, as Azure routes them; a wrong
 * key is 401 and an unknown deployment 404, as in Azure. Counts requests per deployment.
 */
public final class FakeScoringEndpoint implements AutoCloseable {
    private final HttpServer server;
    private final ExecutorService threads = Executors.newFixedThreadPool(4);
    private final HttpClient forward = Http1.client();
    private final Map<String, String> deployments;
    private final Predicate<String> authorized;
    private final Set<String> authorizationsSeen = ConcurrentHashMap.newKeySet();
    private final Map<String, AtomicInteger> served = new ConcurrentHashMap<>();

    /** An endpoint routing to {@code deployments} (name to model base URL) for callers presenting {@code key}. */
    public FakeScoringEndpoint(Map<String, String> deployments, String key) throws IOException {
        this(deployments, ("Bearer " + key)::equals);
    }

    /** An endpoint accepting the {@code Authorization} values {@code authorized} accepts (token auth). */
    public FakeScoringEndpoint(Map<String, String> deployments, Predicate<String> authorized) throws IOException {
        this.deployments = Map.copyOf(deployments);
        this.authorized = authorized;
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
        server.setExecutor(threads);
        server.createContext("/", this::handle);
        server.start();
    }

    /** The scoring URI, as the endpoint resource reports it. */
    public String scoringUri() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/score";
    }

    /** How many requests the named deployment answered. */
    public int served(String deployment) {
        return served.getOrDefault(deployment, new AtomicInteger()).get();
    }

    /** Every accepted {@code Authorization} value. */
    public Set<String> authorizationsSeen() {
        return authorizationsSeen;
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body = exchange.getRequestBody().readAllBytes();
            String authorization = exchange.getRequestHeaders().getFirst("Authorization");
            if (authorization == null || !authorized.test(authorization)) {
                reply(exchange, 401, "{\"message\":\"key_auth_access_denied\"}");
                return;
            }
            String deployment = exchange.getRequestHeaders().getFirst("azureml-model-deployment");
            String model = deployment == null ? null : deployments.get(deployment);
            if (model == null) {
                reply(exchange, 404, "{\"message\":\"no deployment " + deployment + "\"}");
                return;
            }
            HttpResponse<byte[]> answer = forward.send(HttpRequest.newBuilder(
                            URI.create(model + exchange.getRequestURI().getRawPath()))
                    .header("Content-Type", "application/json")
                    .method(exchange.getRequestMethod(), HttpRequest.BodyPublishers.ofByteArray(body)).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            served.computeIfAbsent(deployment, d -> new AtomicInteger()).incrementAndGet();
            authorizationsSeen.add(authorization);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.getResponseHeaders().set("azureml-model-deployment", deployment);
            exchange.sendResponseHeaders(answer.statusCode(), answer.body().length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(answer.body());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void reply(HttpExchange exchange, int status, String json) throws IOException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
