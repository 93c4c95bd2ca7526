package io.shadowgate.evidence;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class MatchRateWindowTest {
    private final AtomicLong now = new AtomicLong(1_700_000_000_000L);
    private final MatchRateWindow window = new MatchRateWindow(Duration.ofMinutes(5), now::get);

    @Test
    void emptyIsNotANumber() {
        assertThat(window.rate()).isNaN();
        assertThat(window.counts()).isEqualTo(new MatchRateWindow.Counts(0, 0));
    }

    @Test
    void theRateIsMatchesOverComparisonsInsideTheWindow() {
        for (int i = 0; i < 9; i++) {
            window.record(true);
        }
        window.record(false);
        assertThat(window.rate()).isEqualTo(0.9);

        now.addAndGet(Duration.ofMinutes(3).toMillis());
        window.record(false);
        assertThat(window.counts()).isEqualTo(new MatchRateWindow.Counts(9, 11));

        now.addAndGet(Duration.ofMinutes(2).toMillis() + 1000); // the first ten fall out
        assertThat(window.counts()).isEqualTo(new MatchRateWindow.Counts(0, 1));
        assertThat(window.rate()).isEqualTo(0.0);

        now.addAndGet(Duration.ofHours(2).toMillis()); // a long quiet spell empties it
        assertThat(window.rate()).isNaN();
    }

    @Test
    void aBucketReusedAfterAFullTurnStartsFromZero() {
        window.record(false);
        now.addAndGet(Duration.ofMinutes(5).toMillis()); // same slot, next turn of the ring
        window.record(true);
        assertThat(window.counts()).isEqualTo(new MatchRateWindow.Counts(1, 1));
    }
}
