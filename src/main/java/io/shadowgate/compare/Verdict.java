package io.shadowgate.compare;

/** Whether the two answers agree, with the lowercase label used in metrics. */
public enum Verdict {
    MATCH("match"), MISMATCH("mismatch");

    private final String label;

    Verdict(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
