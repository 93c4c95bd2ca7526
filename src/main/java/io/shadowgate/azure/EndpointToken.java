package io.shadowgate.azure;

import static java.util.Objects.requireNonNull;

import com.azure.core.credential.AccessToken;
import com.azure.core.credential.TokenCredential;
import com.azure.core.credential.TokenRequestContext;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Microsoft Entra token for scoring an online endpoint that uses token auth, renewed on its own
 * thread before it expires, so the request path only ever reads a prepared value. A renewal that
 * fails keeps the current token and tries again shortly; an operator sees it in the log long
 * before the token runs out.
 */
public final class EndpointToken implements AutoCloseable {
    /** The audience of Azure ML online endpoints' data plane. */
    static final String SCOPE = "https://ml.azure.com/.default";
    private static final Logger log = LoggerFactory.getLogger(EndpointToken.class);

    private final TokenCredential credential;
    private final Duration renewBefore;
    private final Duration retryAfterFailure;
    private final ScheduledExecutorService thread;
    private volatile String authorization;

    private EndpointToken(TokenCredential credential, Duration renewBefore, Duration retryAfterFailure) {
        this.credential = requireNonNull(credential, "credential");
        this.renewBefore = renewBefore;
        this.retryAfterFailure = retryAfterFailure;
        this.thread = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread t = new Thread(runnable, "shadowgate-endpoint-token");
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * Gets the first token (blocking) and schedules its renewals, five minutes before expiry.
     *
     * @throws AzureMlException when the credential cannot give one
     */
    public static EndpointToken start(TokenCredential credential) {
        return start(credential, Duration.ofMinutes(5), Duration.ofSeconds(30));
    }

    static EndpointToken start(TokenCredential credential, Duration renewBefore, Duration retryAfterFailure) {
        EndpointToken token = new EndpointToken(credential, renewBefore, retryAfterFailure);
        try {
            token.schedule(token.fetch());
        } catch (RuntimeException e) {
            token.close();
            throw new AzureMlException(0, "CredentialUnavailable", "no token for the endpoint's token auth ("
                    + SCOPE + "): " + e.getMessage(), null, e);
        }
        return token;
    }

    /** {@code Bearer <token>}, the current one. */
    public String authorization() {
        return authorization;
    }

    private AccessToken fetch() {
        AccessToken token = credential.getTokenSync(new TokenRequestContext().addScopes(SCOPE));
        if (token == null || token.getToken() == null) {
            throw new IllegalStateException("the credential returned no token");
        }
        authorization = "Bearer " + token.getToken();
        return token;
    }

    /** At {@code renewBefore} ahead of expiry, but never before half the token's remaining life nor within a second. */
    private void schedule(AccessToken current) {
        Duration life = Duration.between(OffsetDateTime.now(), current.getExpiresAt());
        long delay = Math.max(Math.max(life.minus(renewBefore).toMillis(), life.toMillis() / 2), 1000);
        thread.schedule(this::renew, delay, TimeUnit.MILLISECONDS);
    }

    private void renew() {
        try {
            schedule(fetch());
        } catch (RuntimeException e) {
            log.warn("could not renew the endpoint token (the current one stays in use): {}; trying again in {} s",
                    e.getMessage(), retryAfterFailure.toSeconds());
            thread.schedule(this::renew, retryAfterFailure.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    @Override
    public void close() {
        thread.shutdownNow();
    }
}
