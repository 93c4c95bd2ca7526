package io.shadowgate.sample;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ErrorInjectorTest {
    @Test
    void ratesZeroAndOneAreAbsolute() {
        ErrorInjector never = new ErrorInjector(0, 1);
        ErrorInjector always = new ErrorInjector(1, 1);
        for (int i = 0; i < 1000; i++) {
            assertThat(never.inject()).isFalse();
            assertThat(always.inject()).isTrue();
        }
    }

    @Test
    void aSeedGivesARepeatableSequenceNearTheRate() {
        assertThat(sequence(0.1, 42)).isEqualTo(sequence(0.1, 42)).isNotEqualTo(sequence(0.1, 43));
        long failures = sequence(0.1, 42).stream().filter(b -> b).count();
        assertThat(failures).isBetween(60L, 140L); // 100 expected of 1000
    }

    private static List<Boolean> sequence(double rate, long seed) {
        ErrorInjector injector = new ErrorInjector(rate, seed);
        List<Boolean> out = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            out.add(injector.inject());
        }
        return out;
    }
}
