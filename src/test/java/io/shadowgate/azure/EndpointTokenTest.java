package io.shadowgate.azure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.azure.core.credential.AccessToken;
import com.azure.core.credential.TokenCredential;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

class EndpointTokenTest {
    private final AtomicInteger issued = new AtomicInteger();
    private final AtomicBoolean failing = new AtomicBoolean();
    private final List<String> scopes = new CopyOnWriteArrayList<>();

    /** Two-second tokens numbered from 1, or a failure while {@link #failing} is set. */
    private final TokenCredential credential = request -> {
        scopes.addAll(request.getScopes());
        if (failing.get()) {
            return Mono.error(new IllegalStateException("AADSTS700024: client assertion is not within its valid time range"));
        }
        return Mono.just(new AccessToken("aad-" + issued.incrementAndGet(), OffsetDateTime.now().plusSeconds(2)));
    };

    @Test
    void theFirstTokenIsThereAtOnceForTheEndpointsAudienceAndIsRenewedBeforeItExpires() {
        try (EndpointToken token = EndpointToken.start(credential)) {
            assertThat(token.authorization()).isEqualTo("Bearer aad-1");
            assertThat(scopes).containsOnly("https://ml.azure.com/.default");

            await().atMost(Duration.ofSeconds(5)).until(() -> token.authorization().equals("Bearer aad-2"));
        }
    }

    @Test
    void aFailedRenewalKeepsTheCurrentTokenAndTriesAgain() {
        try (EndpointToken token = EndpointToken.start(credential, Duration.ofMinutes(5), Duration.ofMillis(200))) {
            failing.set(true);
            await().pollDelay(Duration.ofMillis(1500)).atMost(Duration.ofSeconds(3))
                    .until(() -> scopes.size() >= 3); // the first token, then failed renewals
            assertThat(token.authorization()).isEqualTo("Bearer aad-1");

            failing.set(false);
            await().atMost(Duration.ofSeconds(3)).until(() -> token.authorization().equals("Bearer aad-2"));
        }
    }

    @Test
    void noFirstTokenIsAnErrorThatSaysSo() {
        failing.set(true);
        assertThatThrownBy(() -> EndpointToken.start(credential))
                .isInstanceOf(AzureMlException.class)
                .hasMessageContaining("CredentialUnavailable")
                .hasMessageContaining("https://ml.azure.com/.default")
                .hasMessageContaining("AADSTS700024");
    }
}
