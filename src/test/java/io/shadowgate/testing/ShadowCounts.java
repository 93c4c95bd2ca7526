package io.shadowgate.testing;

import static org.assertj.core.api.Assertions.assertThat;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Map;
import java.util.function.Supplier;

/** The shadow accounting of one scrape: sampled requests and each outcome. */
public record ShadowCounts(double sampled, double compared, double shed, double timeout, double error, double skipped) {
    public static ShadowCounts of(String scrape) {
        return new ShadowCounts(
                Scrapes.value(scrape, "shadowgate_shadow_sampled_total", Map.of()),
                outcome(scrape, "compared"), outcome(scrape, "shed"), outcome(scrape, "timeout"),
                outcome(scrape, "error"), outcome(scrape, "skipped"));
    }

    private static double outcome(String scrape, String outcome) {
        return Scrapes.value(scrape, "shadowgate_shadow_requests_total", Map.of("outcome", outcome));
    }

    public double ended() {
        return compared + shed + timeout + error + skipped;
    }

    /** Waits until {@code sampled} mirrored requests have ended, then checks the identity and the count. */
    public static ShadowCounts awaitEnded(Supplier<String> scrape, int sampled) {
        await().atMost(Duration.ofSeconds(20)).until(() -> of(scrape.get()).ended() >= sampled);
        ShadowCounts counts = of(scrape.get()).assertIdentity();
        assertThat(counts.sampled()).isEqualTo(sampled);
        return counts;
    }

    /** sampled = compared + shed + timeout + error + skipped, exactly. */
    public ShadowCounts assertIdentity() {
        assertThat(ended()).as("outcomes of %s", this).isEqualTo(sampled);
        return this;
    }
}
