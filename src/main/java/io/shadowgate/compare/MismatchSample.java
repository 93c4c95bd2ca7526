package io.shadowgate.compare;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * One stored mismatch, as {@code GET /mismatches} shows it.
 *
 * @param requestId the {@code X-Request-Id} both sides received
 * @param time when the request was mirrored
 * @param method the request's method
 * @param path the request's path, and its query with every value redacted (scoring endpoints such
 *     as Azure Functions take their key as {@code ?code=})
 * @param stableStatus the stable answer's HTTP status
 * @param candidateStatus the candidate answer's HTTP status
 * @param stableLatencyMillis the stable answer's latency
 * @param candidateLatencyMillis the candidate answer's latency
 * @param differences the differences recorded (at most {@link AnswerComparer#MAX_RECORDED_DIFFERENCES})
 * @param totalDifferences every difference found
 * @param requestBody the request body with {@code compare.redact} applied: JSON when it parsed,
 *     else a text node of its UTF-8 text; see {@link #requestBody(byte[], Redactor, int)}
 * @param stableBody the stable answer's Content-Type and Content-Encoding
 * @param candidateBody the candidate answer's Content-Type and Content-Encoding
 * @param bytes for bodies compared as bytes: lengths, digests, a hex preview of the first difference
 * @param notes what a reader should know about how the bodies were compared, e.g. a coding not decoded
 * @param route the label of the request's route
 * @param score the similarity of the two answers, for a route compared by a score
 */
public record MismatchSample(String requestId, Instant time, String method, String path,
                             int stableStatus, int candidateStatus,
                             double stableLatencyMillis, double candidateLatencyMillis,
                             List<Difference> differences, int totalDifferences, JsonNode requestBody,
                             BodyHeaders stableBody, BodyHeaders candidateBody, Optional<BytesDiff> bytes,
                             List<String> notes, String route, OptionalDouble score) {
    /** The label of requests that match no configured route. */
    public static final String DEFAULT_ROUTE = "default";

    /** A sample of the default route, not scored. */
    public MismatchSample(String requestId, Instant time, String method, String path,
                          int stableStatus, int candidateStatus,
                          double stableLatencyMillis, double candidateLatencyMillis,
                          List<Difference> differences, int totalDifferences, JsonNode requestBody,
                          BodyHeaders stableBody, BodyHeaders candidateBody, Optional<BytesDiff> bytes,
                          List<String> notes) {
        this(requestId, time, method, path, stableStatus, candidateStatus, stableLatencyMillis, candidateLatencyMillis,
                differences, totalDifferences, requestBody, stableBody, candidateBody, bytes, notes, DEFAULT_ROUTE,
                OptionalDouble.empty());
    }

    /** A sample without body headers, byte comparison or notes. */
    public MismatchSample(String requestId, Instant time, String method, String path,
                          int stableStatus, int candidateStatus,
                          double stableLatencyMillis, double candidateLatencyMillis,
                          List<Difference> differences, int totalDifferences, JsonNode requestBody) {
        this(requestId, time, method, path, stableStatus, candidateStatus, stableLatencyMillis,
                candidateLatencyMillis, differences, totalDifferences, requestBody, BodyHeaders.NONE,
                BodyHeaders.NONE, Optional.empty(), List.of());
    }

    /** {@code /score?code=abc&v=2} as {@code /score?code=<redacted>&v=<redacted>}: the names tell enough. */
    public static String redactQuery(String path) {
        int query = path.indexOf('?');
        if (query < 0) {
            return path;
        }
        StringBuilder redacted = new StringBuilder(path.substring(0, query + 1));
        String[] parameters = path.substring(query + 1).split("&", -1);
        for (int i = 0; i < parameters.length; i++) {
            int equals = parameters[i].indexOf('=');
            redacted.append(i == 0 ? "" : "&")
                    .append(equals < 0 ? parameters[i] : parameters[i].substring(0, equals) + "=<redacted>");
        }
        return redacted.toString();
    }

    /**
     * The request body as a sample keeps it, at most {@code maxBytes} of it (plus a short note of
     * its length): redacted JSON when it parses and fits, else the redacted JSON's text or the
     * body's own text cut to the bound; a binary body as its length, SHA-256 and first bytes in hex.
     */
    public static JsonNode requestBody(byte[] body, Redactor redactor, int maxBytes) {
        return SampleRequestBody.of(body, redactor, maxBytes);
    }

    public MismatchSample {
        requireNonNull(requestId, "requestId");
        path = redactQuery(requireNonNull(path, "path"));
        requireNonNull(time, "time");
        differences = List.copyOf(differences);
        requireNonNull(requestBody, "requestBody");
        requireNonNull(stableBody, "stableBody");
        requireNonNull(candidateBody, "candidateBody");
        requireNonNull(bytes, "bytes");
        notes = List.copyOf(notes);
        requireNonNull(route, "route");
        requireNonNull(score, "score");
    }
}
