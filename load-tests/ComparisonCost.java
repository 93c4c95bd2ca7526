import io.shadowgate.compare.Answer;
import io.shadowgate.compare.Arrivals;
import io.shadowgate.compare.AssembledAnswer;
import io.shadowgate.compare.Comparer;
import io.shadowgate.compare.Comparers;
import io.shadowgate.compare.Comparison;
import io.shadowgate.compare.StreamAssembler;
import io.shadowgate.compare.StreamFormat;
import io.shadowgate.compare.TextSimilarity;
import io.shadowgate.config.ComparatorKind;
import io.shadowgate.config.CompareConfig;
import io.shadowgate.config.RouteCompareConfig;
import io.shadowgate.config.TextCompareConfig;
import io.shadowgate.config.TextMetric;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Random;
import java.util.function.DoubleSupplier;

/**
 * What comparing one pair of generated answers costs, on the project's own classes: for each text
 * metric (edit, token-f1, rouge-l) and answers of 64, 512 and 4096 words, the median microseconds
 * of
 * <ul>
 *   <li>the metric alone ({@code TextSimilarity.score}, texts cut to {@code maxChars} as a route does);</li>
 *   <li>the {@code openai-chat} comparator on two non-streamed chat completions (JSON parse, shape,
 *       finish reasons, the text by the metric);</li>
 *   <li>a streamed pair: both {@code text/event-stream} bodies (one event per word) assembled by
 *       {@code StreamAssembler} with their arrival times, then the {@code openai-chat} comparator.</li>
 * </ul>
 * The candidate's text is the stable one with about one word in ten replaced, as a sampling model's
 * second answer might be, so the scores are high but not 1 and no metric takes an equal-texts
 * shortcut. It asserts nothing.
 *
 * <pre>
 *   mvn -B -q -o compile
 *   mvn -B -q -o dependency:build-classpath -Dmdep.outputFile=target/cp.txt
 *   java -cp target/classes:$(cat target/cp.txt) load-tests/ComparisonCost.java \
 *       [--max-chars 8192] [--warmup 1] [--batches 10] [--batch-ms 100] [--words 64,512,4096]
 * </pre>
 *
 * Per case: {@code --warmup} seconds of calls, then {@code --batches} timed batches of at least
 * {@code --batch-ms} each; a batch's time over its calls is one sample, the median of the samples
 * is printed. {@code --max-chars} is the route's {@code compare.text.maxChars} (default the
 * configuration's, 8192): a 4096-word text is about 25,000 characters, so by default the metrics
 * see its first 8192 (the table says how many words that is). Each case also prints one line
 * {@code RESULT metric=... words=... kept_words=... score=... metric_us=... openai_chat_us=...
 * openai_chat_stream_us=...}.
 */
public final class ComparisonCost {
    private static final String[] VOCABULARY = (
            "the a of and to in is was that for on with as by at from it this be are were an or which "
            + "model answer request stream token gateway shadow candidate stable rollout latency route "
            + "river mountain light keeper harbour evening storm lantern window morning silence ship "
            + "quietly slowly bright distant ancient careful golden narrow familiar sudden gentle "
            + "walked watched carried remembered followed opened returned listened waited turned "
            + "however because although meanwhile perhaps finally indeed therefore often never").split(" ");
    private static final TextMetric[] METRICS = {TextMetric.EDIT, TextMetric.TOKEN_F1, TextMetric.ROUGE_L};

    /** Keeps results alive so that the JIT cannot drop the work measured. */
    private static volatile double sink;

    public static void main(String[] args) {
        Options options = Options.parse(args);
        System.out.printf(Locale.ROOT, "Comparison cost per request, median of %d batches of >= %d ms after %.1f s warm-up "
                + "per case; texts cut to %d characters (compare.text.maxChars); candidate = stable with ~10%% of "
                + "words replaced.%n%n", options.batches, options.batchMillis, options.warmupSeconds, options.maxChars);
        System.out.printf(Locale.ROOT, "| %-8s | %5s | %10s | %5s | %10s | %14s | %19s |%n", "metric", "words", "words kept",
                "score", "metric us", "openai-chat us", "openai-chat stream us");
        System.out.println("|----------|-------|------------|-------|------------|----------------|-----------------------|");
        List<String> results = new ArrayList<>();
        for (int words : options.words) {
            Pair pair = Pair.generate(words, new Random(words));
            for (TextMetric metric : METRICS) {
                results.add(measure(options, metric, pair));
            }
        }
        System.out.println();
        results.forEach(System.out::println);
    }

    private static String measure(Options options, TextMetric metric, Pair pair) {
        TextCompareConfig text = new TextCompareConfig(metric, TextCompareConfig.DEFAULT_THRESHOLD, options.maxChars);
        CompareConfig json = new CompareConfig(Optional.empty(), 1e-6, 1e-4, List.of(), List.of(), 100, 0,
                Duration.ofMinutes(5));
        Comparer comparer = Comparers.of(new RouteCompareConfig(ComparatorKind.OPENAI_CHAT, json, text, Optional.empty()),
                null);
        Answer stableWhole = new Answer(200, true, pair.stableJson);
        Answer candidateWhole = new Answer(200, true, pair.candidateJson);
        double score = TextSimilarity.score(metric, pair.stableText, pair.candidateText, options.maxChars);
        double metricMicros = time(options, () -> TextSimilarity.score(metric, pair.stableText, pair.candidateText,
                options.maxChars));
        double wholeMicros = time(options, () -> score(comparer.compare(stableWhole, candidateWhole)));
        double streamMicros = time(options, () -> {
            AssembledAnswer stable = StreamAssembler.assemble(pair.stableStream, pair.stableArrivals, StreamFormat.OPENAI_CHAT);
            AssembledAnswer candidate = StreamAssembler.assemble(pair.candidateStream, pair.candidateArrivals,
                    StreamFormat.OPENAI_CHAT);
            return score(comparer.compare(stable.answer(200), candidate.answer(200))) + stable.firstTokenNanos();
        });
        int kept = keptWords(pair.stableText, options.maxChars);
        System.out.printf(Locale.ROOT, "| %-8s | %5d | %10d | %5.3f | %10.1f | %14.1f | %21.1f |%n", metric.configName(),
                pair.words, kept, score, metricMicros, wholeMicros, streamMicros);
        return String.format(Locale.ROOT, "RESULT metric=%s words=%d kept_words=%d score=%.3f metric_us=%.1f "
                + "openai_chat_us=%.1f openai_chat_stream_us=%.1f", metric.configName(), pair.words, kept, score,
                metricMicros, wholeMicros, streamMicros);
    }

    private static double score(Comparison comparison) {
        return comparison.score().orElseThrow(() -> new IllegalStateException("openai-chat gave no score: " + comparison));
    }

    /** Words wholly inside the first maxChars characters (the texts are ASCII: chars are code points). */
    private static int keptWords(String text, int maxChars) {
        String cut = text.length() <= maxChars ? text : text.substring(0, maxChars);
        return cut.isBlank() ? 0 : cut.strip().split(" +").length;
    }

    /** Median microseconds per call over timed batches, after the warm-up. */
    private static double time(Options options, DoubleSupplier call) {
        long warmupEnd = System.nanoTime() + (long) (options.warmupSeconds * 1e9);
        double keep = 0;
        int calls = 0;
        do {
            keep += call.getAsDouble();
            calls++;
        } while (System.nanoTime() < warmupEnd);
        double[] samples = new double[options.batches];
        long batchNanos = options.batchMillis * 1_000_000L;
        for (int batch = 0; batch < samples.length; batch++) {
            long start = System.nanoTime();
            long now;
            int n = 0;
            do {
                keep += call.getAsDouble();
                n++;
                now = System.nanoTime();
            } while (now - start < batchNanos);
            samples[batch] = (now - start) / 1e3 / n;
        }
        sink = keep + calls;
        Arrays.sort(samples);
        return samples[samples.length / 2];
    }

    /** Command-line options; a wrong one ends the program with its usage. */
    private record Options(int maxChars, double warmupSeconds, int batches, int batchMillis, int[] words) {
        static Options parse(String[] args) {
            int maxChars = TextCompareConfig.DEFAULT_MAX_CHARS;
            double warmup = 1;
            int batches = 10;
            int batchMillis = 100;
            int[] words = {64, 512, 4096};
            try {
                for (int i = 0; i < args.length; i++) {
                    switch (args[i]) {
                        case "--max-chars" -> maxChars = Integer.parseInt(args[++i]);
                        case "--warmup" -> warmup = Double.parseDouble(args[++i]);
                        case "--batches" -> batches = Integer.parseInt(args[++i]);
                        case "--batch-ms" -> batchMillis = Integer.parseInt(args[++i]);
                        case "--words" -> words = Arrays.stream(args[++i].split(",")).mapToInt(Integer::parseInt).toArray();
                        default -> throw new IllegalArgumentException("unexpected argument " + args[i]);
                    }
                }
                if (maxChars < 1 || warmup < 0 || batches < 1 || batchMillis < 1 || Arrays.stream(words).anyMatch(w -> w < 1)) {
                    throw new IllegalArgumentException("expected max-chars, batches, batch-ms and words >= 1, warmup >= 0");
                }
            } catch (RuntimeException e) {
                System.err.println("ComparisonCost: " + e.getMessage());
                System.err.println("usage: java -cp target/classes:$(cat target/cp.txt) load-tests/ComparisonCost.java "
                        + "[--max-chars N] [--warmup S] [--batches N] [--batch-ms MS] [--words 64,512,4096]");
                System.exit(2);
            }
            return new Options(maxChars, warmup, batches, batchMillis, words);
        }
    }

    /**
     * A stable and a candidate answer of the same length in words, each as plain text, as a
     * non-streamed chat completion and as a chat completion stream (a role event, one event per
     * word, a finish event, {@code [DONE]}) with one arrival per event, 20 ms apart.
     */
    private record Pair(int words, String stableText, String candidateText, byte[] stableJson, byte[] candidateJson,
                        byte[] stableStream, Arrivals stableArrivals, byte[] candidateStream, Arrivals candidateArrivals) {
        static Pair generate(int words, Random random) {
            List<String> stable = new ArrayList<>(words);
            for (int i = 0; i < words; i++) {
                stable.add(word(random, i));
            }
            List<String> candidate = new ArrayList<>(stable);
            for (int i = 0; i < words; i++) {
                if (random.nextInt(10) == 0) {
                    candidate.set(i, word(random, i));
                }
            }
            Stream stableStream = Stream.of(stable);
            Stream candidateStream = Stream.of(candidate);
            return new Pair(words, String.join(" ", stable), String.join(" ", candidate), completion(stable),
                    completion(candidate), stableStream.body, stableStream.arrivals, candidateStream.body,
                    candidateStream.arrivals);
        }

        /** A vocabulary word, now and then with a comma or a full stop after it. */
        private static String word(Random random, int position) {
            String word = VOCABULARY[random.nextInt(VOCABULARY.length)];
            int punctuation = random.nextInt(12);
            return position > 0 && punctuation == 0 ? word + "." : punctuation == 1 ? word + "," : word;
        }

        private static byte[] completion(List<String> words) {
            return ("{\"id\":\"chatcmpl-" + words.size() + "\",\"object\":\"chat.completion\",\"created\":1764700000,"
                    + "\"model\":\"sample\",\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\""
                    + String.join(" ", words) + "\"},\"finish_reason\":\"stop\"}],\"usage\":{\"prompt_tokens\":12,"
                    + "\"completion_tokens\":" + words.size() + ",\"total_tokens\":" + (words.size() + 12) + "}}")
                    .getBytes(StandardCharsets.UTF_8);
        }
    }

    /** One answer as an OpenAI chat completion event stream, and when each event arrived. */
    private record Stream(byte[] body, Arrivals arrivals) {
        private static final String CHUNK = "data: {\"id\":\"chatcmpl-1\",\"object\":\"chat.completion.chunk\","
                + "\"created\":1764700000,\"model\":\"sample\",\"choices\":[{\"index\":0,";

        static Stream of(List<String> words) {
            List<String> events = new ArrayList<>(words.size() + 3);
            events.add(CHUNK + "\"delta\":{\"role\":\"assistant\",\"content\":\"\"},\"finish_reason\":null}]}\n\n");
            for (int i = 0; i < words.size(); i++) {
                String content = i == 0 ? words.get(i) : " " + words.get(i);
                events.add(CHUNK + "\"delta\":{\"content\":\"" + content + "\"},\"finish_reason\":null}]}\n\n");
            }
            events.add(CHUNK + "\"delta\":{},\"finish_reason\":\"stop\"}]}\n\n");
            events.add("data: [DONE]\n\n");
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            int[] ends = new int[events.size()];
            long[] nanos = new long[events.size()];
            for (int i = 0; i < events.size(); i++) {
                body.writeBytes(events.get(i).getBytes(StandardCharsets.UTF_8));
                ends[i] = body.size();
                nanos[i] = 50_000_000L + 20_000_000L * i;
            }
            return new Stream(body.toByteArray(), new Arrivals(ends, nanos));
        }
    }
}
