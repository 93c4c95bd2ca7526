/**
 * Azure ML managed online endpoints: reading and updating an endpoint through Azure Resource
 * Manager, the rollout's {@code TrafficRouter} for the endpoint's traffic map, and the scoring
 * URI and credentials of its deployments.
 *
 * <p>Resource Manager is reached through azure-core's HTTP pipeline (the retry, bearer-token and
 * logging policies ARM's own SDKs use, built by azure-resourcemanager-resources) and its
 * long-running-operation poller. The body is read and written as a JSON tree rather than the
 * generic resource model, so that a read-modify-write keeps every field Azure ML sends.
 * Everything here blocks; callers run it on their own threads, never on an event loop.
 */
package io.shadowgate.azure;
