package io.shadowgate.rollout.run;

import io.shadowgate.rollout.RolloutSnapshot;
import io.shadowgate.rollout.RolloutState;
import io.shadowgate.rollout.Judgement;
import io.shadowgate.config.RolloutConfig;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Builds the rollout part of {@code GET /status} from one {@link RolloutSnapshot}: every value
 * comes from that snapshot, so the answer never mixes two moments of the rollout.
 */
final class RolloutStatus {
    private RolloutStatus() {}

    static Map<String, Object> of(RolloutSnapshot snapshot, RolloutConfig config) {
        RolloutState state = snapshot.state();
        Judgement judgement = snapshot.judgement();
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
        evidence.put("since", snapshot.evidenceSince().toString());
        if (snapshot.resumed()) {
            evidence.put("note", "resumed from the state file: evidence counts from the restart");
        }
        if (judgement != null) {
            evidence.putAll(judgement.evidence());
        }
        status.put("evidence", evidence);
        status.put("gates", judgement == null ? List.of() : judgement.gates());
        status.put("decision", judgement == null ? null
                : Map.of("kind", judgement.verdict().name().toLowerCase(Locale.ROOT), "reason", judgement.reason()));
        status.put("lastTransition", snapshot.lastTransition());
        status.put("applyingPercent", snapshot.applyingPercent());
        status.put("routerError", snapshot.routerError());
        status.put("stateError", snapshot.stateError());
        return status;
    }
}
