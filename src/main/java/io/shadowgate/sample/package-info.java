/**
 * The sample ML model server: a small but real Iris classifier behind the scoring APIs that
 * shadowgate proxies (Azure ML / MLflow {@code /score} and Open Inference Protocol V2), and an
 * OpenAI-compatible text model (a Markov chain over Aesop's Fables, streamed or not, and hashed
 * bag-of-words embeddings), with knobs for latency, injected errors, prediction and text drift and
 * token delays. Demos, integration tests and load tests run
 * it as the primary and the shadow, so it has to be cheap per request and deterministic.
 */
package io.shadowgate.sample;
