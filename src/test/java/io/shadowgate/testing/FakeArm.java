package io.shadowgate.testing;

import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

import com.azure.core.credential.AccessToken;
import com.azure.core.credential.TokenCredential;
import com.azure.core.http.jdk.httpclient.JdkHttpClientBuilder;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.netty.pkitesting.CertificateBuilder;
import io.netty.pkitesting.X509Bundle;
import io.shadowgate.azure.ArmAccess;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;
import reactor.core.publisher.Mono;

/**
 * Azure Resource Manager for one Azure ML online endpoint, on https at 127.0.0.1: WireMock with a
 * certificate for that address, and a transformer that keeps the endpoint's state, so a PUT is
 * seen by later GETs, as in Azure. It answers a PUT with 201 and an {@code Azure-AsyncOperation}
 * to poll, can lag its reads behind its writes, and can answer with failures queued by a test.
 * {@link #access()} is what the code under test uses: a fake credential and an HTTP client that
 * trusts this server and nothing else, so nothing ever leaves loopback.
 */
public final class FakeArm implements AutoCloseable {
    public static final String SUBSCRIPTION = "11111111-2222-3333-4444-555555555555";
    public static final String TOKEN = "fake-arm-token";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final char[] PASSWORD = "changeit".toCharArray();

    private final X509Bundle certificate;
    private final WireMockServer server;
    private final Endpoint state = new Endpoint();
    private final List<String> scopesAsked = new CopyOnWriteArrayList<>();

    private FakeArm(String endpointName, ObjectNode endpoint, Set<String> deployments) throws Exception {
        certificate = new CertificateBuilder().subject("CN=127.0.0.1").addSanIpAddress("127.0.0.1")
                .setIsCertificateAuthority(true).notAfter(Instant.now().plus(Duration.ofDays(1))).buildSelfSigned();
        File keyStore = certificate.toTempKeyStoreFile(PASSWORD, PASSWORD);
        keyStore.deleteOnExit();
        state.name = endpointName;
        state.current = endpoint;
        state.deployments.addAll(deployments);
        server = new WireMockServer(wireMockConfig().httpDisabled(true).dynamicHttpsPort().bindAddress("127.0.0.1")
                .jettyAcceptors(1).keystorePath(keyStore.getAbsolutePath()).keystoreType("PKCS12")
                .keystorePassword("changeit").keyManagerPassword("changeit").extensions(state));
        server.start();
        server.stubFor(any(urlPathMatching("/+subscriptions/.*"))
                .willReturn(aResponse().withTransformers(Endpoint.NAME)));
    }

    /** A fake Resource Manager holding {@code endpoint} (a resource named {@code name}) and its deployments. */
    public static FakeArm start(String name, ObjectNode endpoint, String... deployments) {
        try {
            return new FakeArm(name, endpoint, Set.of(deployments));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** A realistic online endpoint: blue takes all traffic, green gets a 10 % mirror, key auth. */
    public static ObjectNode sampleEndpoint(String name, String scoringUri) {
        try {
            return (ObjectNode) JSON.readTree("""
                    {"id": "/subscriptions/%1$s/resourceGroups/rg/providers/Microsoft.MachineLearningServices/workspaces/ws/onlineEndpoints/%2$s",
                     "name": "%2$s",
                     "type": "Microsoft.MachineLearningServices/workspaces/onlineEndpoints",
                     "location": "westeurope",
                     "tags": {"team": "fraud"},
                     "kind": "Managed",
                     "identity": {"type": "SystemAssigned,UserAssigned", "principalId": "p-1", "tenantId": "t-1",
                                  "userAssignedIdentities": {"/subscriptions/%1$s/resourceGroups/rg/providers/Microsoft.ManagedIdentity/userAssignedIdentities/pull": {"principalId": "p-2", "clientId": "c-2"}}},
                     "properties": {"authMode": "Key", "description": "fraud scoring",
                                    "properties": {"azureml.onlineendpointid": "abc"},
                                    "publicNetworkAccess": "Enabled",
                                    "scoringUri": "%3$s", "swaggerUri": "%3$s/swagger.json",
                                    "provisioningState": "Succeeded",
                                    "traffic": {"blue": 100, "green": 0},
                                    "mirrorTraffic": {"green": 10}},
                     "systemData": {"createdBy": "someone@example.com", "createdAt": "2026-01-01T00:00:00Z"}}
                    """.formatted(SUBSCRIPTION, name, scoringUri));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The https base URL, for {@code azureml.armEndpoint}. */
    public URI url() {
        return URI.create("https://127.0.0.1:" + server.httpsPort());
    }

    /**
     * An {@code azureml} config section for this Resource Manager's endpoint {@code fraud} in
     * {@code rg}/{@code ws}, deployments {@code blue} and {@code green}; more keys may follow it.
     */
    public String azuremlSection() {
        return """
                azureml:
                  subscriptionId: %s
                  resourceGroup: rg
                  workspace: ws
                  endpoint: fraud
                  stableDeployment: blue
                  candidateDeployment: green
                  armEndpoint: %s
                  waitForTraffic: 10s
                """.formatted(SUBSCRIPTION, url());
    }

    /** A credential that hands out {@link #TOKEN} and records the scopes asked for; a client that trusts this server. */
    public ArmAccess access() {
        return new ArmAccess(credential(), new JdkHttpClientBuilder(java.net.http.HttpClient.newBuilder()
                .sslContext(trusting())).build(), Duration.ofMillis(20));
    }

    public TokenCredential credential() {
        return request -> {
            scopesAsked.addAll(request.getScopes());
            return Mono.just(new AccessToken(TOKEN, OffsetDateTime.now().plusHours(1)));
        };
    }

    /** An SSL context trusting only this server's certificate. */
    public SSLContext trusting() {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, certificate.toTrustManagerFactory().getTrustManagers(), null);
            return context;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public List<String> scopesAsked() {
        return scopesAsked;
    }

    /** The endpoint as the next fully consistent GET would show it. */
    public ObjectNode endpoint() {
        synchronized (state) {
            return state.current.deepCopy();
        }
    }

    /** The candidate's share, as a GET would show it now. */
    public Map<String, Integer> traffic() {
        Map<String, Integer> traffic = new java.util.LinkedHashMap<>();
        endpoint().path("properties").path("traffic").fields()
                .forEachRemaining(e -> traffic.put(e.getKey(), e.getValue().asInt()));
        return traffic;
    }

    /** After each PUT, the next {@code reads} GETs of the endpoint still show the old resource. */
    public FakeArm lagReads(int reads) {
        state.lagReads = reads;
        return this;
    }

    /** Each operation reports {@code InProgress} this many times before {@code Succeeded}. */
    public FakeArm operationPolls(int polls) {
        state.operationPolls = polls;
        return this;
    }

    /** The next request with {@code method} gets this answer instead (in the order queued). */
    public FakeArm failNext(String method, int status, String body, String... headerPairs) {
        ResponseDefinitionBuilder answer = aResponse().withStatus(status).withBody(body)
                .withHeader("Content-Type", "application/json");
        for (int i = 0; i + 1 < headerPairs.length; i += 2) {
            answer.withHeader(headerPairs[i], headerPairs[i + 1]);
        }
        synchronized (state) {
            state.failures.computeIfAbsent(method, m -> new ArrayDeque<>()).add(answer.build());
        }
        return this;
    }

    /** The last operation (by id) ends Failed with this error. */
    public FakeArm failOperations(String code, String message) {
        state.operationError = "{\"code\":\"" + code + "\",\"message\":\"" + message + "\"}";
        return this;
    }

    /** Names another host in the {@code Azure-AsyncOperation} links it hands out. */
    public FakeArm operationHost(String host) {
        state.operationHost = host;
        return this;
    }

    /** Answers every request after {@code delay}, as a Resource Manager having a bad day. */
    public FakeArm delay(Duration delay) {
        state.delayMillis = (int) delay.toMillis();
        return this;
    }

    /** The bodies of every PUT of the endpoint, in order. */
    public List<JsonNode> puts() {
        List<JsonNode> bodies = new ArrayList<>();
        for (LoggedRequest request : requests("PUT")) {
            try {
                bodies.add(JSON.readTree(request.getBodyAsString()));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return bodies;
    }

    /** Every request with {@code method}, oldest first. */
    public List<LoggedRequest> requests(String method) {
        List<LoggedRequest> all = new ArrayList<>();
        server.getAllServeEvents().forEach(e -> {
            if (e.getRequest().getMethod().getName().equals(method)) {
                all.add(e.getRequest());
            }
        });
        java.util.Collections.reverse(all); // WireMock lists the newest first
        return all;
    }

    @Override
    public void close() {
        server.stop();
    }

    /** The endpoint's state and the rules Resource Manager follows for it. */
    private static final class Endpoint implements ResponseDefinitionTransformerV2 {
        static final String NAME = "fake-arm";
        private final Set<String> deployments = ConcurrentHashMap.newKeySet();
        private final Map<String, Deque<ResponseDefinition>> failures = new ConcurrentHashMap<>();
        private final AtomicInteger operations = new AtomicInteger();
        private final Map<String, AtomicInteger> operationAnswers = new ConcurrentHashMap<>();
        private String name;
        private ObjectNode current;
        private ObjectNode previous;
        private int lagReads;
        private int lagLeft;
        private int operationPolls = 1;
        private String operationError;
        private volatile int delayMillis;
        private volatile String operationHost = "127.0.0.1";

        @Override
        public String getName() {
            return NAME;
        }

        @Override
        public boolean applyGlobally() {
            return false;
        }

        @Override
        public synchronized ResponseDefinition transform(ServeEvent event) {
            LoggedRequest request = event.getRequest();
            String method = request.getMethod().getName();
            String path = URI.create(request.getUrl()).getPath().replaceAll("/+", "/");
            ResponseDefinitionBuilder delayed = aResponse().withFixedDelay(delayMillis)
                    .withHeader("Content-Type", "application/json");
            if (!("Bearer " + TOKEN).equals(request.getHeader("Authorization"))) {
                return delayed.withStatus(401).withBody(error("InvalidAuthenticationToken", "no token")).build();
            }
            Deque<ResponseDefinition> queued = failures.get(method);
            if (queued != null && !queued.isEmpty()) {
                return queued.poll();
            }
            String endpointPath = "/onlineEndpoints/" + name;
            if (path.contains("/operations/")) {
                return operation(path, delayed);
            }
            if (path.endsWith(endpointPath + "/deployments")) {
                StringBuilder list = new StringBuilder("{\"value\":[");
                deployments.stream().sorted().forEach(d -> list.append(list.length() > 10 ? "," : "")
                        .append(deployment(d)));
                return delayed.withBody(list.append("]}").toString()).build();
            }
            int deploymentAt = path.indexOf(endpointPath + "/deployments/");
            if (deploymentAt >= 0) {
                String deployment = path.substring(deploymentAt + endpointPath.length() + "/deployments/".length());
                return deployments.contains(deployment) ? delayed.withBody(deployment(deployment)).build()
                        : delayed.withStatus(404).withBody(error("ResourceNotFound", "no deployment " + deployment)).build();
            }
            if (!path.endsWith(endpointPath)) {
                return delayed.withStatus(404).withBody(error("ResourceNotFound", "no " + path)).build();
            }
            if (method.equals("GET")) {
                if (lagLeft > 0) {
                    lagLeft--;
                    return delayed.withBody(previous.toString()).build();
                }
                return delayed.withBody(current.toString()).build();
            }
            if (method.equals("PUT")) {
                return put(request, delayed);
            }
            return delayed.withStatus(405).withBody(error("MethodNotAllowed", method)).build();
        }

        private ResponseDefinition put(LoggedRequest request, ResponseDefinitionBuilder delayed) {
            ObjectNode body;
            try {
                body = (ObjectNode) JSON.readTree(request.getBodyAsString());
            } catch (IOException | ClassCastException e) {
                return delayed.withStatus(400).withBody(error("BadRequest", "not a JSON object")).build();
            }
            int sum = 0;
            for (JsonNode percent : body.path("properties").path("traffic")) {
                sum += percent.asInt();
            }
            if (sum != 100) {
                return delayed.withStatus(400).withBody(error("BadArgument", "traffic must add up to 100")).build();
            }
            previous = current;
            ObjectNode next = body.deepCopy();
            // Resource Manager adds its read-only fields back
            for (String field : List.of("id", "name", "type", "systemData")) {
                next.set(field, current.get(field));
            }
            ObjectNode properties = (ObjectNode) next.path("properties");
            for (String field : List.of("scoringUri", "swaggerUri", "provisioningState")) {
                properties.set(field, current.path("properties").get(field));
            }
            current = next;
            lagLeft = lagReads;
            String id = "op-" + operations.incrementAndGet();
            ObjectNode answer = next.deepCopy();
            ((ObjectNode) answer.path("properties")).put("provisioningState", "Updating");
            return delayed.withStatus(201).withBody(answer.toString())
                    .withHeader("Azure-AsyncOperation", "https://" + operationHost + ":" + request.getPort()
                            + "/subscriptions/" + SUBSCRIPTION + "/providers/Microsoft.MachineLearningServices/locations/"
                            + "westeurope/operations/" + id + "?api-version=2024-04-01")
                    .build();
        }

        private ResponseDefinition operation(String path, ResponseDefinitionBuilder delayed) {
            String id = path.substring(path.lastIndexOf('/') + 1);
            int answered = operationAnswers.computeIfAbsent(id, k -> new AtomicInteger()).getAndIncrement();
            if (answered < operationPolls) {
                return delayed.withBody("{\"status\":\"InProgress\"}").build();
            }
            if (operationError != null) {
                return delayed.withBody("{\"status\":\"Failed\",\"error\":" + operationError + "}").build();
            }
            return delayed.withBody("{\"status\":\"Succeeded\"}").build();
        }

        private String deployment(String deployment) {
            return "{\"name\":\"" + deployment + "\",\"properties\":{\"provisioningState\":\"Succeeded\","
                    + "\"model\":\"azureml:fraud:" + (deployment.equals("blue") ? 3 : 4) + "\","
                    + "\"instanceType\":\"Standard_DS3_v2\"},\"sku\":{\"name\":\"Default\",\"capacity\":2}}";
        }

        private static String error(String code, String message) {
            return "{\"error\":{\"code\":\"" + code + "\",\"message\":\"" + message + "\"}}";
        }
    }
}
