package io.shadowgate.rollout;

import io.shadowgate.evidence.NoisyPaths;
import io.shadowgate.config.CompareConfig;
import io.shadowgate.config.RolloutConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

/**
 * A seeded, deterministic simulation of {@link StageJudge} over synthetic traffic: each run feeds
 * one stage's {@link EvidenceWindow} a scenario's requests tick by tick and asks the judge after
 * every tick, as the controller will, until it says anything but WAIT. No clock, no threads: the
 * same seed gives the same table on every machine. {@link #main} prints the table;
 * {@code RolloutSimulationTest} prints it and asserts on it.
 */
final class RolloutSimulation {
    static final Duration TICK = Duration.ofSeconds(30);
    static final long SEED = 20240611L;
    static final int REQUESTS_PER_TICK = 200;
    /** Stable noise copies with every mirrored request in the host-noise scenarios. */
    static final double NOISE = 1.0;
    static final String SHADOW = "shadow, ";
    static final String CANARY = "canary 50%, ";
    static final String LLM = "LLM sampling: ";
    static final String LLM_DETERMINISTIC = "LLM deterministic: ";

    private final RolloutConfig config;
    private final int runs;
    private final int requestsPerTick;
    private final StageJudge judge = new StageJudge();

    RolloutSimulation(RolloutConfig config, int runs, int requestsPerTick) {
        this.config = config;
        this.runs = runs;
        this.requestsPerTick = requestsPerTick;
    }

    /** The default config with bake 10m (20 ticks of 30s) and maxBake 1h (120 ticks). */
    static RolloutSimulation standard(int runs) {
        return standard(runs, REQUESTS_PER_TICK);
    }

    static RolloutSimulation standard(int runs, int requestsPerTick) {
        RolloutConfig d = RolloutConfigs.defaults();
        return new RolloutSimulation(RolloutConfigs.with(d.minSamples(), d.confidence(), d.gates(),
                Duration.ofMinutes(10), Duration.ofHours(1), RolloutConfig.OnInconclusive.HOLD), runs, requestsPerTick);
    }

    static List<Scenario> scenarios() {
        return scenarios(REQUESTS_PER_TICK);
    }

    /** Every scenario at the given traffic, and thin traffic (2 per tick) whatever it is. */
    static List<Scenario> scenarios(int requestsPerTick) {
        Scenario identical = Scenario.identical("identical", requestsPerTick);
        Scenario slower = identical.slower("+30% latency", 1.3);
        List<Scenario> all = new ArrayList<>(List.of(identical,
                identical.drift("0.5% drift", 0.005),
                identical.drift("2% drift", 0.02),
                identical.drift("10% drift", 0.10),
                slower,
                identical.errors("+2% errors", 0.025),
                Scenario.identical("thin traffic (2/tick)", 2),
                identical.noisyField("random /created, 5% noise copies", 1, 5),
                identical.noisyField("random /created, no noise copies", 1, 0),
                identical.noisyField("random /created + 2% drift, 5% noise copies", 1, 5).drift(
                        "random /created + 2% drift, 5% noise copies", 0.02),
                identical.noisyField("/created differs in 3%, 5% noise copies", 0.03, 5),
                identical.noisyField("/created differs in 3%, 50% noise copies", 0.03, 50),
                identical.mirrored(SHADOW + HostModel.BUSY.name() + ": identical", shadow(HostModel.BUSY, true)),
                slower.mirrored(SHADOW + HostModel.BUSY.name() + ": +30% latency", shadow(HostModel.BUSY, true)),
                identical.mirrored(SHADOW + HostModel.BUSY_PER_LEG.name() + ": identical",
                        shadow(HostModel.BUSY_PER_LEG, true)),
                slower.mirrored(SHADOW + HostModel.BUSY_PER_LEG.name() + ": +30% latency",
                        shadow(HostModel.BUSY_PER_LEG, true)),
                identical.mirrored(SHADOW + HostModel.BUSY.name() + ": identical, copies in a fixed order",
                        shadow(HostModel.BUSY, false)),
                slower.mirrored(SHADOW + HostModel.QUIET.name() + ": +30% latency", shadow(HostModel.QUIET, true)),
                identical.mirrored(CANARY + HostModel.BUSY.name() + ": identical",
                        new Mirroring(0.5, NOISE, HostModel.BUSY, true)),
                slower.mirrored(CANARY + HostModel.BUSY.name() + ": +30% latency",
                        new Mirroring(0.5, NOISE, HostModel.BUSY, true))));
        // Appended, so the scenarios above keep their index, hence their seeds and their rows.
        all.addAll(scored(identical));
        return all;
    }

    /**
     * Routes compared by similarity (an LLM's text, {@link Scoring}): a sampling model whose
     * answers score about 0.55 against its own, the candidate as good or worse by a mean score of
     * 0.05 (the default {@code maxSimilarityDrop}), 0.10 and 0.20, with a noise copy on every
     * request or on a quarter of them, timed alike or through the gateway on a busy host (in
     * shadow, and one in a canary stage); and a deterministic model, whose answers score 1.
     */
    private static List<Scenario> scored(Scenario identical) {
        List<Scenario> scored = new ArrayList<>();
        for (double drift : new double[] {0, -0.05, -0.10, -0.20}) {
            String name = LLM + (drift == 0 ? "same scores" : "score " + drift);
            Scenario sampling = identical.scored(name, Scoring.sampling(drift), 100);
            scored.add(sampling);
            scored.add(sampling.scored(name + ", 25% noise copies", Scoring.sampling(drift), 25));
            scored.add(sampling.mirrored(SHADOW + HostModel.BUSY.name() + ": " + name, shadow(HostModel.BUSY, true)));
        }
        Scenario deterministic = identical.scored(LLM_DETERMINISTIC + "scores 1, 25% noise copies",
                Scoring.deterministic(), 25);
        scored.add(deterministic);
        scored.add(deterministic.scored(SHADOW + HostModel.BUSY.name() + ": " + LLM_DETERMINISTIC + "scores 1",
                Scoring.deterministic(), 100).mirrored(SHADOW + HostModel.BUSY.name() + ": " + LLM_DETERMINISTIC
                + "scores 1", shadow(HostModel.BUSY, true)));
        scored.add(identical.scored(CANARY + HostModel.BUSY.name() + ": " + LLM + "same scores", Scoring.sampling(0),
                100).mirrored(CANARY + HostModel.BUSY.name() + ": " + LLM + "same scores",
                new Mirroring(0.5, NOISE, HostModel.BUSY, true)));
        scored.add(identical.scored(CANARY + HostModel.BUSY.name() + ": " + LLM + "score -0.1", Scoring.sampling(-0.10),
                100).mirrored(CANARY + HostModel.BUSY.name() + ": " + LLM + "score -0.1",
                new Mirroring(0.5, NOISE, HostModel.BUSY, true)));
        return scored;
    }

    /**
     * A run's noise classification, as the gateway builds it: the default {@code compare} keys
     * (noise auto, floor 0.01) and the Wilson bound at the rollout's confidence. It lives for the
     * run only, as a gateway started with the stage would.
     */
    private NoisyPaths noiseClassification(Scenario scenario) {
        CompareConfig compare = new CompareConfig(Optional.empty(), 1e-6, 1e-4, List.of(), List.of(), 100,
                scenario.noisePercent(), Duration.ofMinutes(5));
        double confidence = config.confidence();
        return NoisyPaths.of(compare, (noisy, n) -> Wilson.interval(noisy, n, confidence).lower());
    }

    private static Mirroring shadow(HostModel host, boolean randomOrder) {
        return new Mirroring(0, NOISE, host, randomOrder);
    }

    /** Runs one scenario; runs are independent and seeded by their index, so they go in parallel. */
    Outcome run(Scenario scenario, int scenarioIndex) {
        List<Run> ended = IntStream.range(0, runs).parallel()
                .mapToObj(run -> runOnce(scenario, new SplittableRandom(SEED * 31 + scenarioIndex * 1_000_003L + run)))
                .toList();
        int[] counts = new int[StageVerdict.values().length];
        long[] samples = new long[runs];
        long violations = 0;
        for (int run = 0; run < runs; run++) {
            counts[ended.get(run).verdict().ordinal()]++;
            samples[run] = ended.get(run).samples();
            violations += ended.get(run).advancedTooEarly() ? 1 : 0;
        }
        return new Outcome(scenario, runs, counts, samples, violations);
    }

    /** How one run ended: the verdict, the mirrored requests it took, and whether it advanced too early. */
    private record Run(StageVerdict verdict, long samples, boolean advancedTooEarly) {}

    private Run runOnce(Scenario scenario, SplittableRandom random) {
        EvidenceWindow window = new EvidenceWindow();
        NoisyPaths noise = noiseClassification(scenario);
        Decision decision;
        StageEvidence evidence;
        Duration inStage = Duration.ZERO;
        boolean tooEarly = false;
        do {
            for (int i = 0; i < scenario.requestsPerTick(); i++) {
                scenario.feed(random, window, noise);
            }
            inStage = inStage.plus(TICK);
            evidence = window.snapshot(noise::classify);
            decision = judge.judge(evidence, inStage, config.bake(), config);
            tooEarly |= decision.verdict() == StageVerdict.ADVANCE
                    && (evidence.comparisons() < config.minSamples() || inStage.compareTo(config.bake()) < 0);
        } while (decision.verdict() == StageVerdict.WAIT);
        return new Run(decision.verdict(), evidence.pairedRequests(), tooEarly);
    }

    List<Outcome> runAll() {
        List<Scenario> scenarios = scenarios(requestsPerTick);
        List<Outcome> outcomes = new ArrayList<>();
        for (int i = 0; i < scenarios.size(); i++) {
            outcomes.add(run(scenarios.get(i), i));
        }
        return outcomes;
    }

    static String table(List<Outcome> outcomes) {
        StringBuilder table = new StringBuilder(
                "| scenario | runs | advanced | rolled back | inconclusive | median samples to decide | p95 samples to decide |\n"
                        + "|---|---:|---:|---:|---:|---:|---:|\n");
        for (Outcome o : outcomes) {
            table.append(String.format(Locale.ROOT, "| %s | %d | %d | %d | %d | %d | %d |%n", o.scenario().name(),
                    o.runs(), o.count(StageVerdict.ADVANCE), o.count(StageVerdict.ROLLBACK),
                    o.count(StageVerdict.INCONCLUSIVE), o.samplesAt(0.5), o.samplesAt(0.95)));
        }
        return table.toString();
    }

    /** How one scenario's runs ended; samples are the mirrored requests when the judge decided. */
    record Outcome(Scenario scenario, int runs, int[] counts, long[] samples, long advancesTooEarly) {
        int count(StageVerdict action) {
            return counts[action.ordinal()];
        }

        double share(StageVerdict action) {
            return (double) count(action) / runs;
        }

        long samplesAt(double quantile) {
            long[] sorted = samples.clone();
            Arrays.sort(sorted);
            return sorted[(int) Math.max(0, Math.ceil(quantile * sorted.length) - 1)];
        }
    }

    /** Prints the table: {@code [runs, default 500] [requests per tick, default 200]}. */
    public static void main(String[] args) {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 500;
        int requestsPerTick = args.length > 1 ? Integer.parseInt(args[1]) : REQUESTS_PER_TICK;
        System.out.print(table(standard(runs, requestsPerTick).runAll()));
    }
}
