package io.shadowgate.rollout;

import io.shadowgate.config.RolloutConfig;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Builds the rollout part of {@code GET /status} from the controller's snapshots. */
final class RolloutStatus {
    private RolloutStatus() {}

    static Map<String, Object> of(RolloutState state, RolloutConfig config, Judgement judgement,
                                  Map<String, Object> lastTransition, String routerError, String stateError,
                                  boolean resumed, Instant evidenceSince, Integer applyingPercent) {
        Map<String, Object> status = new LinkedHashMap<>();
        status.put("phase", state.phase().name());
        if (state.pausedFrom() != null) {
            status.put("pausedFrom", state.pausedFrom().name());
        }
        status.put("stage", state.stage());
        status.put("stages", config.stages());
        status.put("candidatePercent", state.candidatePercent());
        status.put("since", state.since().toString());
        status.put("auto", config.auto());
        Map<String, Object> evidence = new LinkedHashMap<>();
        evidence.put("since", evidenceSince == null ? null : evidenceSince.toString());
        if (resumed) {
            evidence.put("note", "resumed from the state file: evidence counts from the restart");
        }
        if (judgement != null) {
            evidence.putAll(judgement.evidence());
        }
        status.put("evidence", evidence);
        status.put("gates", judgement == null ? List.of() : judgement.gates());
        status.put("decision", judgement == null ? null
                : Map.of("kind", judgement.kind().name().toLowerCase(java.util.Locale.ROOT), "reason", judgement.reason()));
        status.put("lastTransition", lastTransition);
        status.put("applyingPercent", applyingPercent);
        status.put("routerError", routerError);
        status.put("stateError", stateError);
        return status;
    }
}
