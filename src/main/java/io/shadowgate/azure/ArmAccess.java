package io.shadowgate.azure;

import static java.util.Objects.requireNonNull;

import com.azure.core.credential.TokenCredential;
import com.azure.core.http.HttpClient;
import com.azure.core.http.jdk.httpclient.JdkHttpClientBuilder;
import io.shadowgate.config.AzureMlConfig;
import java.time.Duration;
import java.util.Map;

/**
 * What a call to Resource Manager needs besides the endpoint's names: who signs it and what sends
 * it. Production builds one from the configured credential; tests pass a fake credential and an
 * HTTP client that trusts their loopback Resource Manager.
 *
 * @param credential signs every request with a bearer token
 * @param httpClient sends the requests
 * @param pollInterval how often a long-running operation and the new split are polled
 */
public record ArmAccess(TokenCredential credential, HttpClient httpClient, Duration pollInterval) {
    /** Resource Manager answers a traffic update in seconds; polls are spaced accordingly. */
    static final Duration POLL_INTERVAL = Duration.ofSeconds(2);

    public ArmAccess {
        requireNonNull(credential, "credential");
        requireNonNull(httpClient, "httpClient");
        requireNonNull(pollInterval, "pollInterval");
    }

    /**
     * The configured credential and the JDK's HTTP client.
     *
     * @throws AzureMlException naming the environment variables or tools the credential lacks
     */
    public static ArmAccess forConfig(AzureMlConfig config) {
        return forConfig(config, System.getenv());
    }

    /** As {@link #forConfig(AzureMlConfig)}, reading the credential's variables from {@code environment}. */
    public static ArmAccess forConfig(AzureMlConfig config, Map<String, String> environment) {
        HttpClient http = new JdkHttpClientBuilder()
                .connectionTimeout(Duration.ofSeconds(10))
                .responseTimeout(Duration.ofSeconds(30))
                .build();
        return new ArmAccess(AzureCredentials.create(config.credential(), environment), http, POLL_INTERVAL);
    }
}
