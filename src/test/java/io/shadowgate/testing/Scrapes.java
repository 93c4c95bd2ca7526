package io.shadowgate.testing;

import java.util.Map;

/** Reads one sample out of a Prometheus text exposition, by metric name and labels. */
public final class Scrapes {
    private Scrapes() {}

    /** The sample's value, or NaN when no line has this name and all these labels. */
    public static double value(String exposition, String name, Map<String, String> labels) {
        for (String line : exposition.split("\n")) {
            if (line.startsWith("#") || !(line.startsWith(name + "{") || line.startsWith(name + " "))) {
                continue;
            }
            boolean all = labels.entrySet().stream()
                    .allMatch(label -> line.contains(label.getKey() + "=\"" + label.getValue() + "\""));
            if (all) {
                return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return Double.NaN;
    }
}
