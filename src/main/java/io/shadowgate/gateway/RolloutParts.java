package io.shadowgate.gateway;

import static java.util.Objects.requireNonNull;

import io.shadowgate.mirror.Mirror;
import io.shadowgate.proxy.Upstream;
import io.shadowgate.rollout.run.RolloutController;
import io.shadowgate.rollout.run.RolloutRunner;

/**
 * What the gateway runs only when it has a candidate to roll out, together so that the gateway
 * holds one optional part instead of several fields null at once.
 *
 * @param candidate the rollout's candidate as a primary upstream, for the canary's share of traffic
 * @param mirror the rollout candidate's mirror, whose outcomes are the rollout's evidence
 * @param runner the rollout's thread
 * @param controller the state machine's runner of effects
 */
record RolloutParts(Upstream candidate, Mirror mirror, RolloutRunner runner, RolloutController controller) {
    RolloutParts {
        requireNonNull(candidate, "candidate");
        requireNonNull(mirror, "mirror");
        requireNonNull(runner, "runner");
        requireNonNull(controller, "controller");
    }
}
