/**
 * The rollout's contact with the world: the thread that ticks it and runs operators' commands
 * ({@link io.shadowgate.rollout.run.RolloutRunner}), the controller that performs each decision's
 * effects (routers in order, the state file, the audit log, webhooks) and publishes the status.
 * The decisions themselves are made in the pure core, {@code io.shadowgate.rollout}.
 */
package io.shadowgate.rollout.run;
