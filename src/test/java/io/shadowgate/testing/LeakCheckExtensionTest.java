package io.shadowgate.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.util.ResourceLeakDetector;
import org.junit.jupiter.api.Test;

/** Proves the leak guard can fail: a buffer dropped without release must be reported. */
class LeakCheckExtensionTest {
    @Test
    void suiteRunsWithParanoidRecordingDetector() {
        assertThat(ResourceLeakDetector.getLevel()).isEqualTo(ResourceLeakDetector.Level.PARANOID);
        assertThat(System.getProperty("io.netty.customResourceLeakDetector"))
                .isEqualTo(RecordingLeakDetector.class.getName());
    }

    @Test
    void aDroppedBufferIsReported() {
        leakOne();
        assertThat(LeakCheckExtension.collectLeaks())
                .anySatisfy(leak -> assertThat(leak).contains("ByteBuf").contains("leaked"));
    }

    private static void leakOne() {
        ByteBuf leaked = PooledByteBufAllocator.DEFAULT.buffer(32);
        leaked.writeInt(42); // dropped on purpose: never released
    }
}
