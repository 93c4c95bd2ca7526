package io.shadowgate.rollout;

/** One of the three tests a stage's evidence must pass. Stateless: a pure function of its inputs. */
interface Gate {
    GateResult judge(StageEvidence evidence, GateSettings settings);
}
