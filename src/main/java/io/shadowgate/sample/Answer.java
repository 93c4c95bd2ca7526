package io.shadowgate.sample;

/**
 * What the route table decides for one request: a whole JSON {@link Reply}, or an
 * {@link EventStream} the handler writes out event by event. Neither holds a buffer, so either can
 * wait out the simulated latency in a scheduled task.
 */
sealed interface Answer permits Reply, EventStream {}
