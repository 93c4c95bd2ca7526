package io.shadowgate.rollout;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * An evidence judge that says what the test tells it to, but honours the bake time the way the
 * real one does: ADVANCE turns into WAIT until the stage has baked. Counts new stages.
 */
final class ScriptedJudge implements EvidenceJudge {
    static final Map<String, Object> PENDING = Map.of("name", "matchRate", "verdict", "pending", "detail", "scripted");

    private Judgement.Kind next = Judgement.Kind.WAIT;
    private List<Map<String, Object>> gates = List.of(PENDING);
    int newStages;

    void say(Judgement.Kind kind) {
        next = kind;
    }

    /** What the gates report from now on, e.g. a failing match rate; one pending gate by default. */
    void gates(List<Map<String, Object>> reported) {
        gates = List.copyOf(reported);
    }

    static Map<String, Object> failing(String name, String detail) {
        return Map.of("name", name, "verdict", "fail", "detail", detail);
    }

    @Override
    public Judgement judge(Duration inStage, Duration minBake) {
        Judgement.Kind kind = next == Judgement.Kind.ADVANCE && inStage.compareTo(minBake) < 0 ? Judgement.Kind.WAIT : next;
        return new Judgement(kind, "scripted " + kind.name().toLowerCase(), Map.of("samples", 42), gates);
    }

    @Override
    public void newStage() {
        newStages++;
    }
}
