package io.shadowgate.gateway;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sun.misc.Signal;

/**
 * Turns SIGTERM and SIGINT into a future the main thread waits on, so a stop request drains the
 * gateway and the process exits 0 (a JVM killed through its default handler exits 143).
 */
public final class ShutdownSignal {
    private static final Logger log = LoggerFactory.getLogger(ShutdownSignal.class);
    private final CompletableFuture<Void> received = new CompletableFuture<>();

    public ShutdownSignal install() {
        for (String name : new String[] {"TERM", "INT"}) {
            try {
                Signal.handle(new Signal(name), signal -> {
                    log.info("received SIG{}, shutting down", signal.getName());
                    received.complete(null);
                });
            } catch (IllegalArgumentException e) {
                log.debug("signal {} cannot be handled here: {}", name, e.getMessage());
            }
        }
        return this;
    }

    /** Blocks until a stop signal arrives. */
    public void await() throws InterruptedException {
        try {
            received.get();
        } catch (ExecutionException e) {
            throw new IllegalStateException("the signal future never fails", e);
        }
    }

    /** Completes when a stop signal arrives, for callers that wait on something else as well. */
    public CompletableFuture<Void> received() {
        return received;
    }
}
