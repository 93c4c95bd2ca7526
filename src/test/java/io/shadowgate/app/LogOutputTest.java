package io.shadowgate.app;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.AsyncAppender;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import ch.qos.logback.core.ConsoleAppender;
import java.io.PrintStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.shadowgate.config.LoggingConfig;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * {@code logging.format} applied to a logback set up like {@code logback.xml} (an output appender
 * behind an async one), in a context of its own so the tests' logging is left alone.
 */
class LogOutputTest {
    private final LoggerContext context = new LoggerContext();
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final PrintStream systemOut = System.out;

    @BeforeEach
    void captureStandardOutput() {
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void restoreStandardOutput() {
        context.stop();
        System.setOut(systemOut);
    }

    private Logger configure() {
        context.setMDCAdapter(new LogbackMDCAdapter()); // a fresh context has none; slf4j's binding sets it otherwise
        PatternLayoutEncoder text = new PatternLayoutEncoder();
        text.setContext(context);
        text.setPattern("%level %logger - %msg%n");
        text.start();
        ConsoleAppender<ILoggingEvent> output = new ConsoleAppender<>(); // writes to System.out as it is at each write
        output.setContext(context);
        output.setEncoder(text);
        output.start();
        AsyncAppender async = new AsyncAppender();
        async.setContext(context);
        async.addAppender(output);
        async.start();
        Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        root.addAppender(async);
        return root;
    }

    private String written() {
        context.stop(); // drains the async queue
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void jsonFormatWritesOneObjectPerLineWithTheAccessLogsFields() throws Exception {
        configure();
        LogOutput.apply(new LoggingConfig(LoggingConfig.Format.JSON, true), context);

        context.getLogger("shadowgate.access").atInfo().setMessage("GET {} 200").addArgument("/score")
                .addKeyValue("status", 200).addKeyValue("requestId", "r-1").log();
        context.getLogger("io.shadowgate.x").warn("second line");

        String[] lines = written().split("\n");
        assertThat(lines).hasSize(2);
        JsonNode first = new ObjectMapper().readTree(lines[0]);
        assertThat(first.path("level").asText()).isEqualTo("INFO");
        assertThat(first.path("loggerName").asText()).isEqualTo("shadowgate.access");
        assertThat(first.path("formattedMessage").asText()).isEqualTo("GET /score 200");
        assertThat(first.path("kvpList").toString()).contains("\"status\":\"200\"").contains("\"requestId\":\"r-1\"");
        assertThat(new ObjectMapper().readTree(lines[1]).path("level").asText()).isEqualTo("WARN");
    }

    @Test
    void textFormatLeavesThePatternAlone() {
        configure();
        LogOutput.apply(LoggingConfig.defaults(), context);

        context.getLogger("io.shadowgate.x").info("plain");

        assertThat(written()).isEqualTo("INFO io.shadowgate.x - plain\n");
    }
}
