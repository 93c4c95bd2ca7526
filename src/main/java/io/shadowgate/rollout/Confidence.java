package io.shadowgate.rollout;

/** The one check every interval makes on the confidence it is asked for. */
final class Confidence {
    private Confidence() {}

    static double check(double confidence) {
        if (!(confidence > 0 && confidence < 1)) {
            throw new IllegalArgumentException("confidence: " + confidence + " (expected: 0 < confidence < 1)");
        }
        return confidence;
    }

    static void checkCounts(long successes, long n) {
        if (n < 0 || successes < 0 || successes > n) {
            throw new IllegalArgumentException(successes + " of " + n + " (expected: 0 <= successes <= n)");
        }
    }
}
