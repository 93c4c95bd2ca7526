package io.shadowgate.rollout.run;

import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;

/** The package's JSON mapper: plain maps and lists in, compact UTF-8 out. Thread-safe. */
final class RolloutJson {
    static final JsonMapper MAPPER = JsonMapper.builder()
            .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
            .build();

    private RolloutJson() {}
}
