package io.shadowgate.mirror;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class InFlightLimitTest {
    @Test
    void refusesBeyondTheBoundAndAcceptsAgainAfterARelease() {
        InFlightLimit limit = new InFlightLimit(2);
        assertThat(limit.tryAcquire()).isTrue();
        assertThat(limit.tryAcquire()).isTrue();
        assertThat(limit.tryAcquire()).isFalse();
        assertThat(limit.inFlight()).isEqualTo(2);
        limit.release();
        assertThat(limit.tryAcquire()).isTrue();
    }

    @Test
    void theBoundHoldsUnderContention() throws Exception {
        InFlightLimit limit = new InFlightLimit(5);
        AtomicInteger held = new AtomicInteger();
        AtomicInteger maxHeld = new AtomicInteger();
        ExecutorService threads = Executors.newFixedThreadPool(4);
        CountDownLatch done = new CountDownLatch(4);
        for (int t = 0; t < 4; t++) {
            threads.execute(() -> {
                for (int i = 0; i < 50_000; i++) {
                    if (limit.tryAcquire()) {
                        maxHeld.accumulateAndGet(held.incrementAndGet(), Math::max);
                        held.decrementAndGet();
                        limit.release();
                    }
                }
                done.countDown();
            });
        }
        assertThat(done.await(30, TimeUnit.SECONDS)).isTrue();
        threads.shutdown();
        assertThat(maxHeld.get()).isBetween(1, 5);
        assertThat(limit.inFlight()).isZero();
    }
}
