package io.shadowgate.app;

import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sun.misc.Signal;

/**
 * Turns SIGTERM and SIGINT into a latch the main thread waits on, so a stop request drains the
 * gateway and the process exits 0 (a JVM killed through its default handler exits 143).
 */
final class ShutdownSignal {
    private static final Logger log = LoggerFactory.getLogger(ShutdownSignal.class);
    private final CountDownLatch received = new CountDownLatch(1);

    ShutdownSignal install() {
        for (String name : new String[] {"TERM", "INT"}) {
            try {
                Signal.handle(new Signal(name), signal -> {
                    log.info("received SIG{}, shutting down", signal.getName());
                    received.countDown();
                });
            } catch (IllegalArgumentException e) {
                log.debug("signal {} cannot be handled here: {}", name, e.getMessage());
            }
        }
        return this;
    }

    /** Blocks until a stop signal arrives. */
    void await() throws InterruptedException {
        received.await();
    }
}
