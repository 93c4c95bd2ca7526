/**
 * {@code shadowgate demo}: two sample models, a gateway in front of them, generated traffic and a
 * live view of the rollout, with the scenario's expected verdict checked at the end. Product code
 * for a first run, never imported by the gateway's own packages.
 */
package io.shadowgate.demo;
