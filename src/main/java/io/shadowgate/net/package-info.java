/**
 * The few Netty helpers both sides of the house need, the proxy's loops and the mirror's client
 * alike: the native transport and its channel classes, header values that may change (renewed
 * tokens), and the key that keeps one caller on one side. Nothing here knows a request's fate.
 */
package io.shadowgate.net;
