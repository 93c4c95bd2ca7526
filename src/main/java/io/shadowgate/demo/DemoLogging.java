package io.shadowgate.demo;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import org.slf4j.LoggerFactory;

/**
 * Quiets the gateway's INFO log while the demo runs: the live view already prints every
 * transition, and the same events interleaved as log lines would bury it. Warnings and errors
 * still show. When {@code SHADOWGATE_LOG_LEVEL} is set, the user asked for a level and gets it.
 * {@link #close} puts the previous level back (tests run the demo inside a longer-lived JVM).
 */
final class DemoLogging implements AutoCloseable {
    private static final String PACKAGE = "io.shadowgate";

    private final Logger logger; // null: left alone
    private final Level previous;

    private DemoLogging(Logger logger, Level previous) {
        this.logger = logger;
        this.previous = previous;
    }

    static DemoLogging quiet() {
        if (System.getenv("SHADOWGATE_LOG_LEVEL") != null
                || !(LoggerFactory.getLogger(PACKAGE) instanceof Logger logger)) {
            return new DemoLogging(null, null);
        }
        Level previous = logger.getLevel();
        logger.setLevel(Level.WARN);
        return new DemoLogging(logger, previous);
    }

    @Override
    public void close() {
        if (logger != null) {
            logger.setLevel(previous);
        }
    }
}
