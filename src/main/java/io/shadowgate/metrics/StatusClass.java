package io.shadowgate.metrics;

/**
 * The status label of {@link MeterNames#REQUESTS}: the HTTP status class of an upstream answer,
 * or {@code error} when no answer came (refused, reset, timed out).
 */
public enum StatusClass {
    S2XX("2xx"), S3XX("3xx"), S4XX("4xx"), S5XX("5xx"), ERROR("error");

    private final String label;

    StatusClass(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** The class of an HTTP status code; anything outside 200..599 counts as {@link #ERROR}. */
    public static StatusClass of(int status) {
        if (status >= 200 && status < 300) {
            return S2XX;
        } else if (status >= 300 && status < 400) {
            return S3XX;
        } else if (status >= 400 && status < 500) {
            return S4XX;
        } else if (status >= 500 && status < 600) {
            return S5XX;
        }
        return ERROR;
    }
}
