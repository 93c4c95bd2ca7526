package io.shadowgate.proxy;

import java.time.Duration;

/**
 * Whether an upstream has answered recently, fed by live exchanges and by the {@link UpstreamProber}.
 * Written from event loops, read by the admin readiness route; plain volatile fields suffice
 * because each value is independent and the latest write wins.
 */
public final class UpstreamHealth {
    private final String name;
    private volatile long lastAnswerNanos;
    private volatile boolean everAnswered;
    private volatile String lastFailure = "no answer yet";

    public UpstreamHealth(String name) {
        this.name = name;
    }

    void answered() {
        lastAnswerNanos = System.nanoTime();
        everAnswered = true;
    }

    void failed(String reason) {
        lastFailure = reason;
    }

    /** True when the upstream sent an HTTP answer (any status) within {@code window}. */
    public boolean answeredWithin(Duration window) {
        return everAnswered && System.nanoTime() - lastAnswerNanos <= window.toNanos();
    }

    /** A sentence for /readyz when {@link #answeredWithin} is false. */
    public String describeFailure(Duration window) {
        String since = everAnswered
                ? "last answer " + Duration.ofNanos(System.nanoTime() - lastAnswerNanos).toMillis() + " ms ago"
                : "never answered";
        return name + " upstream has not answered within " + window.toSeconds() + "s (" + since + "; last failure: "
                + lastFailure + ")";
    }
}
