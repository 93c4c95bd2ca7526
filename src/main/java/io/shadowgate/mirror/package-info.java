/**
 * The mirror: samples requests the proxy forwards, sends a copy to the candidate on its own small
 * event loop (async-http-client), pairs the candidate's answer with the primary's, and hands the
 * pair to {@code compare} off every event loop. Nothing here can hold up, slow down or fail the
 * client's request: sampling and the in-flight bound are decided in a few nanoseconds on the
 * client's loop, everything else happens on the mirror's threads, and a mirror over the bound is
 * shed and counted rather than queued. Both answers are kept as they came; their content codings
 * are undone on the comparison thread, within the size limit, just before comparing.
 */
package io.shadowgate.mirror;
