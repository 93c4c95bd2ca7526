package io.shadowgate.proxy;

import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes the access log to the SLF4J logger {@value #LOGGER}, at INFO, as one line per request
 * ({@code GET /score 200 stable 12.3ms id=...}) with the same fields as key-value pairs for the
 * JSON log format. The query string is left out: scoring requests may carry user data in it.
 *
 * <p>This runs on the event loop, so it must not wait on the log's output: the logback
 * configuration routes every logger through an {@code AsyncAppender} with {@code neverBlock} set,
 * which puts the event on a bounded queue (the message is formatted here, the bytes are written by
 * the appender's own thread) and drops it when the queue is full rather than stall the proxy.
 * Logback's queue was chosen over a queue of our own because it already does exactly this, and
 * covers the gateway's other log lines written on the event loop (upstream errors) too.
 */
final class LoggerAccessLog implements AccessLog {
    static final String LOGGER = "shadowgate.access";
    private static final Logger log = LoggerFactory.getLogger(LOGGER);

    @Override
    public void log(String method, String uri, int status, String upstream, long nanos, String requestId) {
        if (!log.isInfoEnabled()) {
            return;
        }
        String path = pathOf(uri);
        String millis = String.format(Locale.ROOT, "%.1f", nanos / 1e6);
        log.atInfo()
                .setMessage("{} {} {} {} {}ms id={}")
                .addArgument(method).addArgument(path).addArgument(status).addArgument(upstream)
                .addArgument(millis).addArgument(requestId)
                .addKeyValue("method", method)
                .addKeyValue("path", path)
                .addKeyValue("status", status)
                .addKeyValue("upstream", upstream)
                .addKeyValue("durationMs", millis)
                .addKeyValue("requestId", requestId)
                .log();
    }

    static String pathOf(String uri) {
        int query = uri.indexOf('?');
        return query < 0 ? uri : uri.substring(0, query);
    }
}
