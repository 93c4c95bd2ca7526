package io.shadowgate.ops;

import java.util.Collection;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The {@code shadowgate_} metric names a set of PromQL expressions refer to, and how to find them in a scrape. */
final class MetricNames {
    private static final Pattern NAME = Pattern.compile("\\bshadowgate_[a-z0-9_]+");

    private MetricNames() {}

    static Set<String> in(Collection<String> expressions) {
        Set<String> names = new TreeSet<>();
        for (String expr : expressions) {
            Matcher matcher = NAME.matcher(expr);
            while (matcher.find()) {
                names.add(matcher.group());
            }
        }
        return names;
    }

    /** The sample names of a Prometheus text exposition (histogram series keep their _bucket, _sum, _count). */
    static Set<String> exported(String exposition) {
        Set<String> names = new TreeSet<>();
        for (String line : exposition.split("\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            int end = 0;
            while (end < line.length() && line.charAt(end) != '{' && line.charAt(end) != ' ') {
                end++;
            }
            names.add(line.substring(0, end));
        }
        return names;
    }
}
