/**
 * The rollout's contact with the world: the thread that ticks it and runs operators' commands
 * ({@link io.shadowgate.rollout.run.RolloutRunner}), the controller that performs each step's
 * effects (routers in order, the state file, the audit log, webhooks) and publishes the status.
 * The steps themselves are made in the pure core, {@link io.shadowgate.rollout.RolloutMachine}.
 */
package io.shadowgate.rollout.run;
