package io.shadowgate.metrics;

/**
 * Every meter name and tag key the gateway exports, in one place, so dashboards, alert rules and
 * tests can refer to them by constant. Names are Micrometer's dotted form; the Prometheus registry
 * renders {@code shadowgate.requests} as {@code shadowgate_requests_total} and the timer
 * {@code shadowgate.upstream.latency} as {@code shadowgate_upstream_latency_seconds}.
 */
public final class MeterNames {
    /** Counter of upstream exchanges by upstream, role and status class. */
    public static final String REQUESTS = "shadowgate.requests";
    /** Timer (histogram) from dispatch to the last byte of the upstream's response, by upstream, role and route. */
    public static final String UPSTREAM_LATENCY = "shadowgate.upstream.latency";
    /** Timer (histogram) from dispatch to the head of the upstream's response, by upstream, role and route. */
    public static final String UPSTREAM_FIRST_BYTE = "shadowgate.upstream.first.byte";
    public static final String STREAM_INTER_TOKEN = "shadowgate.stream.inter.token";
    /**
     * Counter of upstream timeouts by upstream, role and cause: {@code first_byte_timeout} (no head
     * in time; the client got a 504), {@code idle_timeout} and {@code total_timeout} (after the
     * head; the client's response was cut, its status unchanged).
     */
    public static final String UPSTREAM_TIMEOUTS = "shadowgate.upstream.timeouts";
    /** Gauge of open connections to an upstream (idle, busy or connecting). */
    public static final String UPSTREAM_CONNECTIONS = "shadowgate.upstream.connections";
    /** Counter of client requests refused before reaching any upstream, by reason. */
    public static final String REJECTED = "shadowgate.rejected.requests";

    /** Counter of requests chosen for mirroring; equals the sum of the shadow outcomes. */
    public static final String SHADOW_SAMPLED = "shadowgate.shadow.sampled";
    /** Counter of mirrored requests by outcome: compared, shed, timeout, error, skipped. */
    public static final String SHADOW_REQUESTS = "shadowgate.shadow.requests";
    /** Gauge of shadow requests in flight (sent, or waiting to be compared). */
    public static final String SHADOW_IN_FLIGHT = "shadowgate.shadow.in.flight";
    /** Counter of comparisons by result: match, noisy (differences on noisy paths only), mismatch. */
    public static final String COMPARISONS = "shadowgate.comparisons";
    /** Counter of compared batch rows by result: match, mismatch. */
    public static final String COMPARED_ROWS = "shadowgate.compared.rows";
    /** Counter of differences by JSON path, array indices collapsed to {@code *}. */
    public static final String MISMATCH_PATHS = "shadowgate.mismatch.paths";
    /** Histogram of candidate latency divided by stable latency for the same request. */
    public static final String LATENCY_RATIO = "shadowgate.latency.ratio";
    /** Gauge: share of comparisons that matched over the sliding window. */
    public static final String MATCH_RATE = "shadowgate.match.rate";
    /**
     * Counter of answer bodies whose Content-Encoding was not undone before comparing, by reason:
     * too_large (decoded past shadow.maxBodyBytes: the pair is skipped), unknown_coding and corrupt
     * (the pair is compared as bytes received).
     */
    public static final String UNDECODED_BODIES = "shadowgate.shadow.undecoded.bodies";
    /** Counter of stable-versus-stable comparisons (the noise baseline) by result. */
    public static final String NOISE_COMPARISONS = "shadowgate.noise.comparisons";

    /** Counter of rollout transitions by target phase and actor (auto, admin). */
    public static final String ROLLOUT_TRANSITIONS = "shadowgate.rollout.transitions";
    /** Gauge: the candidate's share of live traffic, 0..100. */
    public static final String CANARY_WEIGHT = "shadowgate.canary.weight.percent";
    /** Gauge per phase: 1 for the current phase, 0 for the others. */
    public static final String ROLLOUT_PHASE = "shadowgate.rollout.phase";
    /** Gauge: index into {@code rollout.stages} of the current canary stage; -1 in shadow and after a rollback. */
    public static final String ROLLOUT_STAGE = "shadowgate.rollout.stage";
    /** Gauge: the match rate of the current stage's evidence at the last judgement (NaN before one). */
    public static final String STAGE_MATCH_RATE = "shadowgate.rollout.stage.match.rate";
    /** Gauge per decision (advance, rollback, wait, inconclusive): 1 for the last judgement's, else 0. */
    public static final String ROLLOUT_DECISION = "shadowgate.rollout.decision";
    /** Gauge per gate: the configured threshold, so dashboards and alerts draw the line the gate judges by. */
    public static final String GATE_THRESHOLD = "shadowgate.rollout.gate.threshold";

    public static final String TAG_UPSTREAM = "upstream";
    public static final String TAG_ROLE = "role";
    public static final String TAG_STATUS = "status";
    public static final String TAG_REASON = "reason";
    public static final String TAG_CAUSE = "cause";
    public static final String TAG_OUTCOME = "outcome";
    public static final String TAG_RESULT = "result";
    public static final String TAG_PATH = "path";
    public static final String TAG_PHASE = "phase";
    public static final String TAG_TO = "to";
    public static final String TAG_ACTOR = "actor";
    public static final String TAG_DECISION = "decision";
    public static final String TAG_GATE = "gate";
    /**
     * The candidate a shadow or comparison series is about (its configured name; {@code candidate}
     * for the {@code candidate:} shorthand): on every {@code shadowgate.shadow.*},
     * {@code comparisons}, {@code compared.rows}, {@code mismatch.paths}, {@code latency.ratio},
     * {@code match.rate} and {@code noise.comparisons} series.
     */
    public static final String TAG_CANDIDATE = "candidate";
    /**
     * The route a request took (its configured name or pattern, {@code default} for requests that
     * match none; never a raw path, so the label's values are as few as the routes): on
     * {@code upstream.latency} and {@code upstream.first.byte}.
     */
    public static final String TAG_ROUTE = "route";

    private MeterNames() {}
}
