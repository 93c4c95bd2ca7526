package io.shadowgate.app;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.JsonEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.spi.AppenderAttachable;
import io.shadowgate.config.LoggingConfig;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.slf4j.LoggerFactory;

/**
 * Applies {@code logging.format} to the logback configuration that {@code logback.xml} set up:
 * for {@code json}, every console appender (also those behind the async appender) gets logback's
 * own {@link JsonEncoder}, one JSON object per line with level, logger, thread, the formatted
 * message, key-value pairs (the access log's fields) and any exception. Logback's encoder is used
 * rather than a separate library because it already writes what log shippers parse.
 */
final class LogOutput {
    private LogOutput() {}

    static void apply(LoggingConfig config) {
        if (LoggerFactory.getILoggerFactory() instanceof LoggerContext context) {
            apply(config, context);
        }
    }

    static void apply(LoggingConfig config, LoggerContext context) {
        if (config.format() != LoggingConfig.Format.JSON) {
            return; // text is what logback.xml already writes
        }
        for (ConsoleAppender<ILoggingEvent> appender : outputAppenders(context)) {
            appender.stop(); // a console appender reopens standard output on start; the encoder is not swapped under a writer

            appender.setEncoder(jsonEncoder(context));
            appender.start();
        }
    }

    static JsonEncoder jsonEncoder(LoggerContext context) {
        JsonEncoder encoder = new JsonEncoder();
        encoder.setContext(context);
        encoder.setWithSequenceNumber(false);
        encoder.setWithNanoseconds(false);
        encoder.setWithContext(false);
        encoder.setWithMessage(false); // the pattern with {} placeholders; the formatted message is kept
        encoder.setWithArguments(false);
        encoder.setWithFormattedMessage(true);
        encoder.start();
        return encoder;
    }

    /** The console appenders, found through the root logger and any appender that holds others. */
    private static List<ConsoleAppender<ILoggingEvent>> outputAppenders(LoggerContext context) {
        List<ConsoleAppender<ILoggingEvent>> found = new ArrayList<>();
        collect(context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).iteratorForAppenders(), found);
        return found;
    }

    @SuppressWarnings("unchecked")
    private static void collect(Iterator<Appender<ILoggingEvent>> appenders,
                                List<ConsoleAppender<ILoggingEvent>> found) {
        while (appenders.hasNext()) {
            Appender<ILoggingEvent> appender = appenders.next();
            if (appender instanceof ConsoleAppender<ILoggingEvent> output) {
                found.add(output);
            }
            if (appender instanceof AppenderAttachable<?> holder) {
                collect(((AppenderAttachable<ILoggingEvent>) holder).iteratorForAppenders(), found);
            }
        }
    }
}
