package io.shadowgate.config;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** Which latency the latency gate compares: {@code rollout.gates.latencyMeasure}. */
public enum LatencyMeasure {
    /** From the request written to the answer's last byte. */
    TOTAL("total"),
    /**
     * From the request written to the first token of a streamed answer (the first event that
     * carries generated content); an answer that is not a stream counts whole, as {@link #TOTAL}.
     */
    FIRST_TOKEN("first-token");

    private final String configName;

    LatencyMeasure(String configName) {
        this.configName = configName;
    }

    public String configName() {
        return configName;
    }

    public static Optional<LatencyMeasure> named(String name) {
        String wanted = name.trim().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(measure -> measure.configName.equals(wanted)).findFirst();
    }
}
