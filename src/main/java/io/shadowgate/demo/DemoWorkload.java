package io.shadowgate.demo;

import io.shadowgate.config.ComparatorKind;
import io.shadowgate.config.CompareConfig;
import io.shadowgate.config.RouteCompareConfig;
import io.shadowgate.config.RouteConfig;
import io.shadowgate.config.RouteMatch;
import io.shadowgate.config.TextCompareConfig;
import io.shadowgate.sample.IrisDataset;
import io.shadowgate.sample.SampleModelOptions;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;

/**
 * What the demo's clients send and how the gateway compares it: Iris rows to the scoring endpoint,
 * compared as JSON predictions, or streamed chat completions to the sample model's OpenAI endpoint,
 * compared on a route by the similarity of the generated texts (ROUGE-L) against stable's own.
 */
enum DemoWorkload {
    IRIS("/score", "one Iris row each", 200, 25) {
        @Override
        List<String> bodies() {
            return IntStream.range(0, IrisDataset.bundled().size())
                    .mapToObj(row -> IrisDataset.scoreRequestBody(row, 1)).toList();
        }

        @Override
        SampleModelOptions model(SampleModelOptions options) {
            return options.withLatency(DemoScenario.Latency.MODEL);
        }

        @Override
        Duration expectedLatency(SampleModelOptions options) {
            return options.latency();
        }

        @Override
        List<RouteConfig> routes(CompareConfig compare) {
            return List.of();
        }
    },
    CHAT(Chat.PATH, "a streamed chat completion each, sampled at temperature " + Chat.TEMPERATURE, 100, 50) {
        @Override
        List<String> bodies() {
            return Chat.PROMPTS.stream().map(prompt -> "{\"model\":\"sample\",\"stream\":true,\"max_tokens\":"
                    + Chat.MAX_TOKENS + ",\"temperature\":" + Chat.TEMPERATURE
                    + ",\"messages\":[{\"role\":\"user\",\"content\":\"" + prompt + "\"}]}").toList();
        }

        @Override
        SampleModelOptions model(SampleModelOptions options) {
            return options.withTokenDelay(Chat.TOKEN_DELAY);
        }

        /** The longest answer's time: most answers end sooner, at a sentence's end. */
        @Override
        Duration expectedLatency(SampleModelOptions options) {
            return options.firstTokenDelay().plus(options.tokenDelay().multipliedBy(Chat.MAX_TOKENS));
        }

        @Override
        List<RouteConfig> routes(CompareConfig compare) {
            return List.of(new RouteConfig(Optional.of("chat"), new RouteMatch(Chat.PATH, Optional.of("POST")),
                    new RouteCompareConfig(ComparatorKind.OPENAI_CHAT, compare, TextCompareConfig.DEFAULTS,
                            Optional.empty())));
        }
    };

    private final String path;
    private final String description;
    private final int defaultRate;
    private final double noisePercent;

    DemoWorkload(String path, String description, int defaultRate, double noisePercent) {
        this.path = path;
        this.description = description;
        this.defaultRate = defaultRate;
        this.noisePercent = noisePercent;
    }

    /** The request bodies the clients send in turn. */
    abstract List<String> bodies();

    /** The sample model's options for this workload (both sides, before a scenario's fault). */
    abstract SampleModelOptions model(SampleModelOptions options);

    /** How long a warm model takes to answer one request at most on average: the warm-up's yardstick. */
    abstract Duration expectedLatency(SampleModelOptions options);

    /** The gateway's routes for this workload. */
    abstract List<RouteConfig> routes(CompareConfig compare);

    String path() {
        return path;
    }

    String description() {
        return description;
    }

    int defaultRate() {
        return defaultRate;
    }

    /**
     * The share of requests that also go to stable a second time. Scored texts need more of them:
     * the similarity gate compares the candidate's score with stable's own on the same requests.
     */
    double noisePercent() {
        return noisePercent;
    }

    /** In a holder of its own: the constants above are built before the enum's own static fields. */
    static final class Chat {
        static final String PATH = "/v1/chat/completions";
        static final int MAX_TOKENS = 24;
        static final double TEMPERATURE = 0.8;
        static final Duration TOKEN_DELAY = Duration.ofMillis(2);
        static final List<String> PROMPTS = List.of("The fox and the grapes", "A wolf met a lamb at a brook",
                "The tortoise and the hare", "The lion and the mouse", "A crow found a piece of cheese",
                "The ant and the grasshopper", "The dog and his shadow", "The boy who cried wolf");

        private Chat() {}
    }
}
