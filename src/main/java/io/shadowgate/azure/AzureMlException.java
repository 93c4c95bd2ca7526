package io.shadowgate.azure;

import java.time.Duration;
import java.util.Optional;

/**
 * A failed call to Azure Resource Manager, or an endpoint in a state shadowgate cannot work with.
 * The message carries Azure's error code and message, and is what {@code /status} shows.
 */
public final class AzureMlException extends RuntimeException {
    private final int status;
    private final String code;
    private final String detail;
    private final Duration retryAfter;

    /**
     * @param status the HTTP status from Resource Manager, or 0 when no answer came
     * @param code Azure's error code, e.g. {@code AuthorizationFailed}, or a shadowgate code
     * @param message what went wrong, for operators
     * @param retryAfter how long Azure asked to wait before the next attempt, or null
     */
    AzureMlException(int status, String code, String message, Duration retryAfter, Throwable cause) {
        super(code + (status == 0 ? "" : " (HTTP " + status + ")") + ": " + message, cause);
        this.status = status;
        this.code = code;
        this.detail = message;
        this.retryAfter = retryAfter;
    }

    AzureMlException(String code, String message) {
        this(0, code, message, null, null);
    }

    /** The HTTP status from Resource Manager, or 0 when no answer came. */
    public int status() {
        return status;
    }

    /** Azure's error code, or shadowgate's own for failures Azure did not name. */
    public String code() {
        return code;
    }

    /** What went wrong, without the code and status that {@link #getMessage()} starts with. */
    public String detail() {
        return detail;
    }

    /** How long Azure asked to wait (a 429's {@code Retry-After}). */
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }
}
