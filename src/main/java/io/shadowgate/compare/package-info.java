/**
 * The comparison engine: given the stable and the candidate answer to one request, decides
 * whether they agree and where they differ. Pure: no Netty, no I/O, no threads; the caller copies
 * bodies into {@link io.shadowgate.compare.Answer}s and hands them to an
 * {@link io.shadowgate.compare.AnswerComparer}, which returns a
 * {@link io.shadowgate.compare.Comparison}.
 *
 * <h2>What is compared</h2>
 * Status classes first: a 2xx facing a 5xx is one {@code STATUS} difference at path {@code ""}
 * and nothing else (a kind of its own, so a metric can tell "the candidate fails" from "the
 * candidate predicts differently"). Then, when both answers are JSON, their predictions, found
 * by the {@code predictions} pointer or, in {@code auto}, as {@code /predictions}, else
 * {@code /outputs}, else the whole document. Otherwise the bodies byte for byte, which is also
 * the fallback for a body that says JSON but does not parse; bodies that differ so are described
 * by a {@link io.shadowgate.compare.BytesDiff} (lengths, SHA-256 digests, a hex preview where they
 * first differ), never kept whole. The bodies arrive with their content codings already undone:
 * decoding needs Netty, so the mirror does it.
 *
 * <h2>Paths</h2>
 * Every difference carries an RFC 6901 pointer from the root of the response, such as
 * {@code /predictions/3/score}, which can be written in {@code ignore} as it is or with
 * {@code *} for any index or key. Open Inference Protocol V2 outputs are the exception: they are
 * matched by name, so they are reported by name, {@code /outputs/probabilities/data/2}, which
 * stays the same when a model reorders its outputs. In {@code ignore} and {@code redact} such an
 * output may be written by name or by its index in the answer ({@code /outputs/0/data}).
 * {@link io.shadowgate.compare.JsonPointers#collapse(String)} turns indices into {@code *} for
 * metric labels.
 *
 * <h2>Rows</h2>
 * When the predictions are an array, each element is a row of the batch. For OIP V2, the rows
 * are the first dimension of each output's {@code shape}, over its flattened {@code data}; row
 * {@code i} differs when it differs in any output. A row differs when a difference lies under it
 * or it is on one side only.
 *
 * <h2>Redaction</h2>
 * {@link io.shadowgate.compare.Redactor} replaces what the {@code redact} pointers name with the
 * string {@code "<redacted>"}, in sample bodies and in the values carried by differences alike.
 *
 * <h2>Routes, scores and streams</h2>
 * Each route has its {@link io.shadowgate.compare.Comparer}, built by
 * {@link io.shadowgate.compare.Comparers#of}: {@code json} is the comparison above; {@code exact}
 * and {@code binary} compare bytes; {@code text}, {@code openai-chat}, {@code openai-completions}
 * and {@code embedding-vectors} are <em>scored</em>: their comparison carries a similarity in
 * [0, 1] ({@link io.shadowgate.compare.Comparison#score()}), and a text or vector scoring below the
 * route's threshold is one {@code SIMILARITY} difference at its path (e.g.
 * {@code /choices/0/message/content}) showing the start of both texts, the score and the metric.
 * The OpenAI comparers leave out what varies between correct answers (ids, times, model,
 * fingerprint, usage, logprobs) and compare the rest structurally: choices, roles, finish reasons,
 * tool calls (arguments as JSON with the route's tolerances). Text metrics
 * ({@link io.shadowgate.compare.TextSimilarity}) are computed here on texts cut to
 * {@code text.maxChars}; embeddings come from a {@link io.shadowgate.compare.TextEmbedder} the
 * caller supplies, so the package itself still does no I/O, but a comparer with one may block:
 * call comparers off the event loops.
 *
 * <p>A streamed answer ({@code text/event-stream}) is put back together first by
 * {@link io.shadowgate.compare.StreamAssembler}: its events are read as the WHATWG standard says,
 * on the whole body (never per network piece, so characters split between pieces survive); OpenAI
 * chunks fold into the answer they would have been unstreamed, so the route's comparer sees the
 * same shape either way; other streams become their events' data. The assembler also times the
 * first token and the mean time between tokens from the body's {@link io.shadowgate.compare.Arrivals},
 * and reports a malformed stream rather than throwing.
 */
package io.shadowgate.compare;
