package io.shadowgate.sample;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.util.ResourceLeakDetector;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.slf4j.LoggerFactory;

/**
 * Fails a test class when Netty reports a leaked buffer. Netty reports a leak only after the
 * leaked buffer is garbage collected and a later allocation polls for it, so after the class this
 * collects garbage and allocates a few times to flush any report out. Best effort (GC is not
 * guaranteed to run), but with paranoid leak detection it catches a leak on nearly every run.
 */
final class NettyLeakGuard implements BeforeAllCallback, AfterAllCallback {
    private static final ListAppender<ILoggingEvent> REPORTS = new ListAppender<>();

    static {
        REPORTS.setName("netty-leak-guard");
        REPORTS.start();
        ((Logger) LoggerFactory.getLogger(ResourceLeakDetector.class)).addAppender(REPORTS);
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        synchronized (REPORTS) {
            REPORTS.list.clear();
        }
    }

    @Override
    public void afterAll(ExtensionContext context) {
        for (int round = 0; round < 5; round++) {
            System.gc();
            for (int i = 0; i < 64; i++) {
                ByteBuf probe = ByteBufAllocator.DEFAULT.buffer(16);
                probe.release();
            }
        }
        List<String> leaks;
        synchronized (REPORTS) {
            leaks = REPORTS.list.stream()
                    .map(ILoggingEvent::getFormattedMessage)
                    .filter(m -> m.contains("LEAK"))
                    .collect(Collectors.toList());
        }
        assertThat(leaks).as("Netty leak reports").isEmpty();
    }
}
