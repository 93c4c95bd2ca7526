package io.shadowgate.rollout.run;

import io.shadowgate.rollout.run.RolloutJson;
import com.fasterxml.jackson.core.JsonProcessingException;
import io.shadowgate.config.RolloutConfig;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells the configured URLs about every transition with a JSON POST (the audit entry). Fire and
 * forget: a short timeout, no retries, failures logged; a slow or broken receiver never holds up
 * the rollout.
 */
final class Webhooks {
    private static final Logger log = LoggerFactory.getLogger(Webhooks.class);
    private static final Duration TIMEOUT = Duration.ofSeconds(3);

    private final List<URI> urls;
    private final HttpClient client;

    Webhooks(List<URI> urls) {
        this.urls = List.copyOf(urls);
        this.client = urls.isEmpty() ? null : HttpClient.newBuilder().connectTimeout(TIMEOUT)
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    void notify(Map<String, Object> transition) {
        if (urls.isEmpty()) {
            return;
        }
        byte[] body;
        try {
            body = RolloutJson.MAPPER.writeValueAsBytes(transition);
        } catch (JsonProcessingException e) {
            log.warn("cannot encode the transition for webhooks: {}", e.getMessage());
            return;
        }
        for (URI url : urls) {
            HttpRequest request = HttpRequest.newBuilder(url).timeout(TIMEOUT)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
            client.sendAsync(request, HttpResponse.BodyHandlers.discarding()).whenComplete((response, failure) -> {
                // Only the origin: a chat webhook's path is its secret.
                if (failure != null) {
                    log.warn("webhook {} failed: {}", RolloutConfig.webhookOrigin(url), failure.toString());
                } else if (response.statusCode() >= 300) {
                    log.warn("webhook {} answered {}", RolloutConfig.webhookOrigin(url), response.statusCode());
                }
            });
        }
    }
}
