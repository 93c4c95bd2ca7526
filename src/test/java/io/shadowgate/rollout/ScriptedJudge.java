package io.shadowgate.rollout;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * An evidence judge that says what the test tells it to, but honours the bake time the way the
 * real one does: ADVANCE turns into WAIT until the stage has baked. Counts new stages.
 */
final class ScriptedJudge implements EvidenceJudge {
    private Judgement.Kind next = Judgement.Kind.WAIT;
    int newStages;

    void say(Judgement.Kind kind) {
        next = kind;
    }

    @Override
    public Judgement judge(Duration inStage, Duration minBake) {
        Judgement.Kind kind = next == Judgement.Kind.ADVANCE && inStage.compareTo(minBake) < 0 ? Judgement.Kind.WAIT : next;
        return new Judgement(kind, "scripted " + kind.name().toLowerCase(), Map.of("samples", 42),
                List.of(Map.of("name", "matchRate", "verdict", "pending", "detail", "scripted")));
    }

    @Override
    public void newStage() {
        newStages++;
    }
}
