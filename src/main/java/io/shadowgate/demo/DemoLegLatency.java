package io.shadowgate.demo;

import io.shadowgate.metrics.MeterNames;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One leg's cumulative latency as {@code /metrics} exports it: the {@code _count} and {@code _sum}
 * of {@code shadowgate_upstream_latency_seconds{upstream, role}}, summed over its routes. Two readings a second apart give
 * that second's mean latency, which is what the demo's warm-up watches.
 *
 * @param count answers timed so far
 * @param seconds their total latency
 */
record DemoLegLatency(long count, double seconds) {
    private static final String SERIES = MeterNames.UPSTREAM_LATENCY.replace('.', '_') + "_seconds";

    /** The leg {@code upstream} in {@code role} (primary, shadow) in a scrape; zero when absent. */
    static DemoLegLatency read(String scrape, String upstream, String role) {
        return new DemoLegLatency((long) value(scrape, "_count", upstream, role), value(scrape, "_sum", upstream, role));
    }

    /** The mean latency in milliseconds between an earlier reading and this one; NaN without answers between. */
    double meanMillisSince(DemoLegLatency earlier) {
        long answers = count - earlier.count;
        return answers <= 0 ? Double.NaN : (seconds - earlier.seconds) * 1000 / answers;
    }

    long countSince(DemoLegLatency earlier) {
        return count - earlier.count;
    }

    private static double value(String scrape, String suffix, String upstream, String role) {
        // Label order is the registry's (alphabetical today); match either order rather than rely on it.
        Pattern line = Pattern.compile("(?m)^" + Pattern.quote(SERIES + suffix) + "\\{(?=[^}]*\\brole=\""
                + Pattern.quote(role) + "\")(?=[^}]*\\bupstream=\"" + Pattern.quote(upstream) + "\")[^}]*} (\\S+)$");
        // One series per route: the leg's latency is their sum.
        Matcher matcher = line.matcher(scrape);
        double sum = 0;
        while (matcher.find()) {
            sum += Double.parseDouble(matcher.group(1));
        }
        return sum;
    }
}
