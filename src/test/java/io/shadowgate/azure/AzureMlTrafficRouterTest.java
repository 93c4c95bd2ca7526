package io.shadowgate.azure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.shadowgate.config.AzureMlConfig;
import io.shadowgate.rollout.MutableClock;
import io.shadowgate.testing.FakeArm;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class AzureMlTrafficRouterTest {
    private static final String SCORING = "https://fraud.westeurope.inference.ml.azure.com/score";
    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-27T10:00:00Z"));
    private FakeArm arm;
    private AzureMlTrafficRouter router;

    @AfterEach
    void stop() {
        if (router != null) {
            router.close();
        }
        arm.close();
    }

    static AzureMlConfig config(FakeArm arm, String endpoint, Duration waitForTraffic) {
        return new AzureMlConfig(FakeArm.SUBSCRIPTION, "rg", "ws", endpoint, "blue", "green",
                AzureMlConfig.Credential.DEFAULT, AzureMlConfig.Cloud.PUBLIC, Optional.of(arm.url()), true,
                waitForTraffic);
    }

    private AzureMlTrafficRouter router(String endpoint, Duration waitForTraffic) {
        router = new AzureMlTrafficRouter(new OnlineEndpoint(config(arm, endpoint, waitForTraffic), arm.access()),
                waitForTraffic, Duration.ofMillis(20), Duration.ofSeconds(5), clock);
        return router;
    }

    private AzureMlTrafficRouter router() {
        return router("fraud", Duration.ofSeconds(10));
    }

    private static void apply(AzureMlTrafficRouter router, int percent) throws Exception {
        router.apply(percent).get(30, TimeUnit.SECONDS);
    }

    private static AzureMlException failure(AzureMlTrafficRouter router, int percent) {
        Throwable thrown = org.assertj.core.api.Assertions.catchThrowable(() -> router.apply(percent).join());
        assertThat(thrown).isInstanceOf(CompletionException.class).cause().isInstanceOf(AzureMlException.class);
        return (AzureMlException) thrown.getCause();
    }

    @Test
    void anUpdateChangesOnlyTheTrafficAndKeepsMirrorTrafficAndEveryOtherProperty() throws Exception {
        arm = FakeArm.start("fraud", FakeArm.sampleEndpoint("fraud", SCORING), "blue", "green");
        apply(router(), 25);

        ObjectNode expected = FakeArm.sampleEndpoint("fraud", SCORING);
        expected.remove(List.of("id", "name", "type", "systemData"));
        ObjectNode properties = (ObjectNode) expected.get("properties");
        properties.remove(List.of("scoringUri", "swaggerUri", "provisioningState"));
        ((ObjectNode) expected.get("identity")).remove(List.of("principalId", "tenantId"));
        properties.putObject("traffic").put("blue", 75).put("green", 25);
        assertThat(arm.puts()).containsExactly(expected);
        assertThat(arm.puts().get(0).path("properties").path("mirrorTraffic").path("green").asInt()).isEqualTo(10);
        assertThat(arm.puts().get(0).path("identity").path("type").asText())
                .as("Azure ML's identity type, which ARM's generic model cannot represent")
                .isEqualTo("SystemAssigned,UserAssigned");
        assertThat(arm.traffic()).containsExactly(Map.entry("blue", 75), Map.entry("green", 25));
    }

    @Test
    void everyCallIsSignedForTheManagementAudienceAndNamesTheApiVersion() throws Exception {
        arm = FakeArm.start("fraud", FakeArm.sampleEndpoint("fraud", SCORING), "blue", "green");
        apply(router(), 5);

        assertThat(arm.scopesAsked()).containsOnly("https://management.core.windows.net//.default");
        assertThat(arm.requests("PUT")).singleElement().satisfies(put -> {
            assertThat(put.getHeader("Authorization")).isEqualTo("Bearer " + FakeArm.TOKEN);
            assertThat(put.queryParameter("api-version").firstValue()).isEqualTo("2024-04-01");
            assertThat(put.getUrl()).contains("/resourceGroups/rg/providers/Microsoft.MachineLearningServices"
                    + "/workspaces/ws/onlineEndpoints/fraud");
        });
    }

    @Test
    void theLongRunningOperationIsFollowedUntilItSucceeds() throws Exception {
        arm = FakeArm.start("fraud", FakeArm.sampleEndpoint("fraud", SCORING), "blue", "green").operationPolls(3);
        apply(router(), 50);

        assertThat(arm.requests("GET")).filteredOn(r -> r.getUrl().contains("/operations/op-1")).hasSize(4);
        assertThat(arm.traffic()).containsEntry("green", 50);
    }

    @Test
    void aFailedOperationSurfacesAzuresCodeAndMessage() {
        arm = FakeArm.start("fraud", FakeArm.sampleEndpoint("fraud", SCORING), "blue", "green")
                .failOperations("DeploymentNotReady", "green is still being created");
        AzureMlException e = failure(router(), 25);

        assertThat(e.code()).isEqualTo("DeploymentNotReady");
        assertThat(e.getMessage()).contains("green is still being created");
    }

    @Test
    void readsLaggingBehindTheWriteArePolledUntilTheNewSplitShows() throws Exception {
        arm = FakeArm.start("fraud", FakeArm.sampleEndpoint("fraud", SCORING), "blue", "green").lagReads(3);
        apply(router(), 25);

        List<String> endpointReads = arm.requests("GET").stream().map(r -> r.getUrl())
                .filter(url -> url.matches(".*/onlineEndpoints/fraud\\?.*")).toList();
        assertThat(endpointReads).as("one read before the PUT, three stale, one fresh").hasSize(5);
    }

    @Test
    void aSplitThatNeverShowsFailsAfterWaitForTraffic() {
        arm = FakeArm.start("fraud", FakeArm.sampleEndpoint("fraud", SCORING), "blue", "green").lagReads(1_000_000);
        AzureMlException e = failure(router("fraud", Duration.ofMillis(300)), 25);

        assertThat(e.code()).isEqualTo("TrafficNotVisible");
        assertThat(e.getMessage()).contains("still reports {\"blue\":100,\"green\":0}").contains("azureml.waitForTraffic");
    }

    @Test
    void deploymentsAreLookedUpOnceNotForEveryWeight() throws Exception {
        arm = FakeArm.start("fraud", FakeArm.sampleEndpoint("fraud", SCORING), "blue", "green");
        router();
        for (int percent : new int[] {5, 25, 50}) {
            apply(router, percent);
        }

        assertThat(arm.requests("GET")).filteredOn(r -> r.getUrl().contains("/deployments/")).hasSize(2);
        assertThat(arm.puts()).hasSize(3);
    }

    @Test
    void aCutIsNeverHeldBackByTheBackOffOfAFailedRaise() throws Exception {
        arm = FakeArm.start("fraud", FakeArm.sampleEndpoint("fraud", SCORING), "blue", "green");
        router();
        apply(router, 25);
        arm.failNext("PUT", 403, "{\"error\":{\"code\":\"AuthorizationFailed\",\"message\":\"no write\"}}");
        failure(router, 50);

        apply(router, 0); // a rollback, at once

        assertThat(arm.traffic()).containsEntry("green", 0);
        assertThat(arm.puts()).extracting(put -> put.path("properties").path("traffic").path("green").asInt())
                .containsExactly(25, 50, 0);
    }

    @Test
    void theTokenNeverFollowsALinkOffResourceManagersHost() {
        arm = FakeArm.start("fraud", FakeArm.sampleEndpoint("fraud", SCORING), "blue", "green").operationHost("localhost");
        AzureMlException e = failure(router(), 25);

        assertThat(e.getMessage()).contains("pointed at https://localhost").contains("127.0.0.1");
        assertThat(arm.requests("GET")).noneMatch(r -> r.getUrl().contains("/operations/"));
    }

    @Test
    void aSplitAlreadyInPlaceIsNotWrittenAgain() throws Exception {
        arm = FakeArm.start("fraud", FakeArm.sampleEndpoint("fraud", SCORING), "blue", "green");
        apply(router(), 0);

        assertThat(arm.requests("PUT")).isEmpty();
    }

    @Test
    void anotherDeploymentWithLiveTrafficIsNeverTakenFrom() {
        ObjectNode endpoint = FakeArm.sampleEndpoint("fraud", SCORING);
        ((ObjectNode) endpoint.path("properties").path("traffic")).put("blue", 90).put("red", 10);
        arm = FakeArm.start("fraud", endpoint, "blue", "green", "red");
        AzureMlException e = failure(router(), 5);

        assertThat(e.code()).isEqualTo("OtherDeploymentHasTraffic");
        assertThat(e.getMessage()).contains("'red' receives 10%");
        assertThat(arm.requests("PUT")).isEmpty();
    }

    @Test
    void deploymentsWithoutTrafficAreLeftOutOfTheMap() throws Exception {
        ObjectNode endpoint = FakeArm.sampleEndpoint("fraud", SCORING);
        ((ObjectNode) endpoint.path("properties").path("traffic")).put("red", 0);
        arm = FakeArm.start("fraud", endpoint, "blue", "green", "red");
        apply(router(), 5);

        assertThat(arm.traffic()).containsExactly(Map.entry("blue", 95), Map.entry("green", 5));
    }

    @Test
    void forbiddenSurfacesAzuresErrorAndBacksOffInsteadOfCallingAgainAtOnce() {
        arm = FakeArm.start("fraud", FakeArm.sampleEndpoint("fraud", SCORING), "blue", "green")
                .failNext("GET", 403, "{\"error\":{\"code\":\"AuthorizationFailed\",\"message\":\"The client 'sp'"
                        + " does not have authorization to perform action 'onlineEndpoints/read'\"}}");
        router();
        AzureMlException first = failure(router, 25);
        assertThat(first.status()).isEqualTo(403);
        assertThat(first.getMessage()).isEqualTo("AuthorizationFailed (HTTP 403): The client 'sp' does not have"
                + " authorization to perform action 'onlineEndpoints/read'");
        int calls = arm.requests("GET").size();

        AzureMlException again = failure(router, 25);
        assertThat(again.getMessage()).contains("AuthorizationFailed").contains("next attempt after 2026-11-27T10:00:05Z");
        assertThat(arm.requests("GET")).as("no call during the back-off").hasSize(calls);

        clock.advance(Duration.ofSeconds(5));
        assertThat(router.apply(25)).succeedsWithin(Duration.ofSeconds(30));
    }

    @Test
    void backOffDoublesWithEachFailureAndFollowsRetryAfter() {
        arm = FakeArm.start("fraud", FakeArm.sampleEndpoint("fraud", SCORING), "blue", "green");
        for (int i = 0; i < 2; i++) {
            arm.failNext("GET", 401, "{\"error\":{\"code\":\"ExpiredAuthenticationToken\",\"message\":\"expired\"}}");
        }
        router();
        failure(router, 25);
        clock.advance(Duration.ofSeconds(5));
        failure(router, 25);
        assertThat(failure(router, 25).getMessage()).contains("next attempt after 2026-11-27T10:00:15Z");
    }

    @Test
    void aMissingEndpointNamesTheKeyToCheck() {
        arm = FakeArm.start("fraud", FakeArm.sampleEndpoint("fraud", SCORING), "blue", "green");
        AzureMlException e = failure(router("frood", Duration.ofSeconds(5)), 25);

        assertThat(e.code()).isEqualTo("EndpointNotFound");
        assertThat(e.getMessage()).contains("'frood'").contains("azureml.endpoint");
    }

    @Test
    void aMissingDeploymentNamesTheKeyToCheck() {
        arm = FakeArm.start("fraud", FakeArm.sampleEndpoint("fraud", SCORING), "blue");
        AzureMlException e = failure(router(), 25);

        assertThat(e.code()).isEqualTo("DeploymentNotFound");
        assertThat(e.getMessage()).contains("'green'").contains("azureml.candidateDeployment");
        assertThat(arm.requests("PUT")).isEmpty();
    }

    @Test
    void aConflictIsReportedNotRetriedWithinTheAttempt() {
        arm = FakeArm.start("fraud", FakeArm.sampleEndpoint("fraud", SCORING), "blue", "green")
                .failNext("PUT", 409, "{\"error\":{\"code\":\"Conflict\",\"message\":\"an operation is in progress"
                        + " on endpoint fraud\"}}");
        AzureMlException e = failure(router(), 25);

        assertThat(e.code()).isEqualTo("Conflict");
        assertThat(e.status()).isEqualTo(409);
        assertThat(arm.requests("PUT")).hasSize(1);
        assertThat(arm.traffic()).containsEntry("green", 0);
    }

    @Test
    void throttlingIsRetriedAfterRetryAfter() throws Exception {
        arm = FakeArm.start("fraud", FakeArm.sampleEndpoint("fraud", SCORING), "blue", "green")
                .failNext("PUT", 429, "{\"error\":{\"code\":\"TooManyRequests\",\"message\":\"slow down\"}}",
                        "Retry-After", "1");
        apply(router(), 25);

        assertThat(arm.requests("PUT")).hasSize(2);
        assertThat(arm.traffic()).containsEntry("green", 25);
    }

    @Test
    void aServerErrorIsRetried() throws Exception {
        arm = FakeArm.start("fraud", FakeArm.sampleEndpoint("fraud", SCORING), "blue", "green")
                .failNext("GET", 503, "{\"error\":{\"code\":\"ServiceUnavailable\",\"message\":\"busy\"}}");
        apply(router(), 25);

        assertThat(arm.traffic()).containsEntry("green", 25);
    }

    @Test
    void anAnswerThatIsNotJsonIsAnErrorNotACrash() {
        arm = FakeArm.start("fraud", FakeArm.sampleEndpoint("fraud", SCORING), "blue", "green")
                .failNext("GET", 200, "<html>proxy login</html>");
        AzureMlException e = failure(router(), 25);

        assertThat(e.code()).isEqualTo("InvalidResponse");
        assertThat(e.getMessage()).contains("<html>proxy login</html>");
        assertThat(arm.requests("PUT")).isEmpty();
    }

    @Test
    void aResourceManagerThatNeverAnswersTimesOut() throws Exception {
        arm = FakeArm.start("fraud", FakeArm.sampleEndpoint("fraud", SCORING), "blue", "green").delay(Duration.ofSeconds(3));
        ArmAccess impatient = new ArmAccess(arm.credential(), new com.azure.core.http.jdk.httpclient.JdkHttpClientBuilder(
                java.net.http.HttpClient.newBuilder().sslContext(arm.trusting())).responseTimeout(Duration.ofMillis(200))
                .build(), Duration.ofMillis(20));
        router = new AzureMlTrafficRouter(new OnlineEndpoint(config(arm, "fraud", Duration.ofSeconds(5)), impatient),
                Duration.ofSeconds(5), Duration.ofMillis(20), Duration.ofSeconds(5), clock);
        AzureMlException e = failure(router, 25);

        assertThat(e.code()).isEqualTo("ResourceManagerUnreachable");
        assertThat(e.getMessage()).containsIgnoringCase("timeout");
        JsonNode unchanged = arm.endpoint().path("properties").path("traffic");
        assertThat(unchanged.path("green").asInt()).isZero();
    }
}
