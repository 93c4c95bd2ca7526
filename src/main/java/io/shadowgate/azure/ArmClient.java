package io.shadowgate.azure;

import com.azure.core.exception.ClientAuthenticationException;
import com.azure.core.http.HttpHeaderName;
import com.azure.core.http.HttpMethod;
import com.azure.core.http.HttpPipeline;
import com.azure.core.http.HttpRequest;
import com.azure.core.http.HttpResponse;
import com.azure.core.http.policy.ExponentialBackoffOptions;
import com.azure.core.http.policy.HttpLogOptions;
import com.azure.core.http.policy.RetryOptions;
import com.azure.core.http.policy.RetryPolicy;
import com.azure.core.http.rest.SimpleResponse;
import com.azure.core.management.AzureEnvironment;
import com.azure.core.management.polling.PollResult;
import com.azure.core.management.polling.PollerFactory;
import com.azure.core.management.profile.AzureProfile;
import com.azure.core.management.serializer.SerializerFactory;
import com.azure.core.util.Configuration;
import com.azure.core.util.Context;
import com.azure.core.util.polling.LongRunningOperationStatus;
import com.azure.core.util.polling.PollResponse;
import com.azure.core.util.polling.SyncPoller;
import com.azure.resourcemanager.resources.fluentcore.utils.HttpPipelineProvider;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.shadowgate.config.AzureMlConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URI;
import java.net.URL;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Reads and writes Resource Manager resources by id as JSON trees, through the same pipeline
 * ARM's SDKs build (retries with backoff honouring {@code Retry-After} on 408/429/5xx and I/O
 * errors, bearer tokens with claims challenges, request ids), following long-running operations
 * with azure-core-management's poller. Blocking; one instance is safe to share.
 */
final class ArmClient {
    static final String API_VERSION = "2024-04-01";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpPipeline pipeline;
    private final String base;
    private final Duration pollInterval;

    ArmClient(AzureMlConfig config, ArmAccess access) {
        AzureEnvironment environment = environment(config);
        this.base = trimSlash(environment.getResourceManagerEndpoint());
        this.pollInterval = access.pollInterval();
        this.pipeline = pipeline(environment, config, access);
    }

    /** The resource at {@code id}, or empty when Resource Manager answers 404. */
    Optional<ObjectNode> find(String id) {
        Answer answer = send(HttpMethod.GET, url(id), null);
        if (answer.status() == 404) {
            return Optional.empty();
        }
        answer.requireSuccess();
        return Optional.of(answer.object());
    }

    /** Every resource of a collection such as {@code .../deployments}, following {@code nextLink}. */
    List<ObjectNode> list(String collectionId) {
        List<ObjectNode> all = new ArrayList<>();
        String next = url(collectionId);
        while (next != null) {
            Answer answer = send(HttpMethod.GET, next, null);
            answer.requireSuccess();
            ObjectNode page = answer.object();
            page.path("value").forEach(item -> all.add((ObjectNode) item));
            next = page.hasNonNull("nextLink") ? page.get("nextLink").asText() : null; // ResourceManagerOnly guards it
        }
        return all;
    }

    /**
     * Replaces the resource at {@code id} with {@code body} and waits until Resource Manager
     * reports the operation finished, for at most {@code timeout}.
     */
    void put(String id, ObjectNode body, Duration timeout) {
        long start = System.nanoTime();
        Answer accepted = send(HttpMethod.PUT, url(id), body);
        accepted.requireSuccess();
        SimpleResponse<Flux<ByteBuffer>> activation = new SimpleResponse<>(accepted.request(), accepted.status(),
                accepted.headers(), Flux.just(ByteBuffer.wrap(accepted.body())));
        SyncPoller<PollResult<Object>, Object> poller = PollerFactory.<Object, Object>create(
                        SerializerFactory.createDefaultManagementSerializerAdapter(), pipeline, Object.class,
                        Object.class, pollInterval, Mono.just(activation))
                .getSyncPoller();
        Duration left = timeout.minusNanos(System.nanoTime() - start);
        PollResponse<PollResult<Object>> last;
        try {
            last = poller.waitForCompletion(left.compareTo(Duration.ofMillis(1)) < 0 ? Duration.ofMillis(1) : left);
        } catch (RuntimeException e) {
            for (Throwable cause = e; cause != null; cause = cause.getCause()) {
                if (cause instanceof AzureMlException known) {
                    throw known; // e.g. an operation URL off Resource Manager's host
                }
            }
            throw new AzureMlException(0, "OperationTimedOut", "the update of " + id + " did not finish within "
                    + timeout.toMillis() + " ms: " + e.getMessage(), null, e);
        }
        if (last.getStatus() != LongRunningOperationStatus.SUCCESSFULLY_COMPLETED) {
            PollResult.Error error = last.getValue() == null ? null : last.getValue().getError();
            if (error == null) {
                throw new AzureMlException(0, "Operation" + last.getStatus(), "the update of " + id + " ended "
                        + last.getStatus(), null, null);
            }
            Answer failed = new Answer(accepted.request(), error.getResponseStatusCode(), accepted.headers(),
                    error.getResponseBody() == null ? new byte[0]
                            : error.getResponseBody().getBytes(StandardCharsets.UTF_8));
            throw failed.error("OperationFailed", error.getMessage());
        }
    }

    private String url(String id) {
        return base + id + (id.contains("?") ? "&" : "?") + "api-version=" + API_VERSION;
    }

    private Answer send(HttpMethod method, String url, JsonNode body) {
        HttpRequest request = new HttpRequest(method, url);
        if (body != null) {
            request.setHeader(HttpHeaderName.CONTENT_TYPE, "application/json");
            request.setBody(body.toString());
            // The JDK client sets the length itself and logs a warning for every request that names it.
            request.getHeaders().remove(HttpHeaderName.CONTENT_LENGTH);
        }
        try (HttpResponse response = pipeline.sendSync(request, Context.NONE)) {
            byte[] bytes = response.getBodyAsBinaryData() == null ? new byte[0]
                    : response.getBodyAsBinaryData().toBytes();
            return new Answer(request, response.getStatusCode(), response.getHeaders(), bytes);
        } catch (ClientAuthenticationException e) {
            throw new AzureMlException(0, "CredentialUnavailable", "no token for Resource Manager: "
                    + e.getMessage(), null, e);
        } catch (AzureMlException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new AzureMlException(0, "ResourceManagerUnreachable", method + " " + URI.create(url).getHost()
                    + " failed: " + describe(e), null, e);
        }
    }

    private static String describe(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage();
        return root.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }

    /** One answer from Resource Manager with its body read. */
    record Answer(HttpRequest request, int status, com.azure.core.http.HttpHeaders headers, byte[] body) {
        ObjectNode object() {
            try {
                JsonNode node = JSON.readTree(body);
                if (node instanceof ObjectNode object) {
                    return object;
                }
            } catch (IOException e) {
                // reported below with the status, which is what an operator can act on
            }
            throw new AzureMlException(status, "InvalidResponse", "Resource Manager answered " + request.getHttpMethod()
                    + " " + request.getUrl().getPath() + " with a body that is not a JSON object: "
                    + preview(), null, null);
        }

        void requireSuccess() {
            if (status / 100 != 2) {
                throw error("HttpError" + status, "Resource Manager answered " + request.getHttpMethod() + " "
                        + request.getUrl().getPath() + " with " + status);
            }
        }

        /** Azure's {@code {"error": {"code", "message"}}} when the body has one, else the fallback. */
        AzureMlException error(String fallbackCode, String fallbackMessage) {
            String code = fallbackCode;
            String message = fallbackMessage;
            try {
                JsonNode error = JSON.readTree(body).path("error");
                if (error.hasNonNull("code")) {
                    code = error.get("code").asText();
                    message = error.path("message").asText(fallbackMessage);
                }
            } catch (IOException | RuntimeException e) {
                message = fallbackMessage + (body.length == 0 ? "" : ": " + preview());
            }
            return new AzureMlException(status, code, message, retryAfter(), null);
        }

        private Duration retryAfter() {
            String value = headers.getValue(HttpHeaderName.RETRY_AFTER);
            try {
                return value == null ? null : Duration.ofSeconds(Long.parseLong(value.trim()));
            } catch (NumberFormatException e) {
                return null; // an HTTP date: the router's own backoff applies
            }
        }

        private String preview() {
            String text = new String(body, StandardCharsets.UTF_8).strip();
            return text.length() <= 200 ? text : text.substring(0, 200) + "...";
        }
    }

    private static AzureEnvironment environment(AzureMlConfig config) {
        AzureEnvironment cloud = switch (config.cloud()) {
            case PUBLIC -> AzureEnvironment.AZURE;
            case CHINA -> AzureEnvironment.AZURE_CHINA;
            case USGOV -> AzureEnvironment.AZURE_US_GOVERNMENT;
        };
        if (config.armEndpoint().isEmpty()) {
            return cloud;
        }
        Map<String, String> endpoints = new HashMap<>(cloud.getEndpoints());
        endpoints.put("resourceManagerEndpointUrl", config.armEndpoint().get().toString());
        return new AzureEnvironment(endpoints);
    }

    private static HttpPipeline pipeline(AzureEnvironment environment, AzureMlConfig config, ArmAccess access) {
        // The token is always for the cloud's management audience, also when armEndpoint points elsewhere.
        String scope = environment.getManagementEndpoint() + "/.default";
        RetryPolicy retry = new RetryPolicy(new RetryOptions(new ExponentialBackoffOptions()
                .setMaxRetries(3).setBaseDelay(Duration.ofMillis(500)).setMaxDelay(Duration.ofSeconds(10))));
        return HttpPipelineProvider.buildHttpPipeline(access.credential(),
                new AzureProfile(null, config.subscriptionId(), environment), new String[] {scope},
                new HttpLogOptions(), Configuration.NONE, retry, List.of(new ResourceManagerOnly(url(environment))),
                access.httpClient());
    }

    private static URL url(AzureEnvironment environment) {
        try {
            return URI.create(environment.getResourceManagerEndpoint()).toURL();
        } catch (MalformedURLException e) {
            throw new IllegalArgumentException("Resource Manager URL " + environment.getResourceManagerEndpoint(), e);
        }
    }

    private static String trimSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
