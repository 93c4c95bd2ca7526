/**
 * The wiring: one {@link io.shadowgate.gateway.Gateway} built from a validated config, the only
 * place that knows every part (proxy, mirror, rollout, admin, Azure ML link), and how it stops.
 * The command line ({@code app}) and the demo start it; nothing else depends on it.
 */
package io.shadowgate.gateway;
