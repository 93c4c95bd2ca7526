package io.shadowgate.compare;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * The differences of one comparison: the first {@code limit} are kept (redacted, with their
 * pointer text built), all are counted. One per comparison, never shared between threads.
 */
final class DifferenceLog {
    private final int limit;
    private final Redactor redactor;
    private final List<Difference> recorded = new ArrayList<>();
    private int total;

    DifferenceLog(int limit, Redactor redactor) {
        this.limit = limit;
        this.redactor = redactor;
    }

    void record(NodePath path, Difference.Kind kind, JsonNode stable, JsonNode candidate) {
        total++;
        if (recorded.size() < limit) {
            recorded.add(new Difference(path.pointer(), kind, redactor.redactAt(path, stable),
                    redactor.redactAt(path, candidate)));
        }
    }

    /** Differences found so far; a growing count tells a caller that something under it differed. */
    int total() {
        return total;
    }

    List<Difference> recorded() {
        return recorded;
    }
}
