package io.shadowgate.config;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The whole gateway configuration, immutable and already validated; obtain one from
 * {@link ConfigLoader}. Its {@code toString()} is safe to log: tokens and header values are redacted.
 *
 * <p>Every candidate is mirrored and compared on its own; the rollout drives one of them,
 * {@link #rolloutCandidate()}, and only that one ever takes live traffic. {@link #candidate()} is
 * that one's upstream, which is all a single-candidate configuration needs to know.
 *
 * @param server the listener clients send scoring requests to
 * @param admin the listener for status and rollout commands
 * @param stable the stable model deployment
 * @param candidates the candidate deployments, names unique, in configured order; without any nothing is mirrored
 * @param shadow which requests are mirrored to the candidates
 * @param compare how the two answers are compared
 * @param rollout how the rollout's candidate moves through the canary stages
 * @param azureml the Azure ML online endpoint whose deployments are stable and candidate, if any
 * @param logging log format and the access log
 * @param routes how the answers of some requests are compared instead of by {@code compare}: the
 *     first that matches a request is its route
 */
public record ShadowgateConfig(ServerConfig server, AdminConfig admin, UpstreamConfig stable,
                               List<CandidateConfig> candidates, ShadowConfig shadow, CompareConfig compare,
                               RolloutConfig rollout, Optional<AzureMlConfig> azureml, LoggingConfig logging,
                               List<RouteConfig> routes) {
    public ShadowgateConfig {
        requireNonNull(server, "server");
        requireNonNull(admin, "admin");
        requireNonNull(stable, "stable");
        candidates = List.copyOf(requireNonNull(candidates, "candidates"));
        requireNonNull(shadow, "shadow");
        requireNonNull(compare, "compare");
        requireNonNull(rollout, "rollout");
        requireNonNull(azureml, "azureml");
        requireNonNull(logging, "logging");
        routes = List.copyOf(requireNonNull(routes, "routes"));
        Set<String> names = new HashSet<>();
        for (CandidateConfig candidate : candidates) {
            if (!names.add(candidate.name())) {
                throw new IllegalArgumentException("candidates: \"" + candidate.name() + "\" appears twice");
            }
        }
        rollout.candidate().ifPresent(name -> {
            if (!names.contains(name)) {
                throw new IllegalArgumentException("rollout.candidate: \"" + name + "\" (expected: one of " + names + ")");
            }
        });
    }

    /** Without routes: every request's answers are compared as {@code compare} says. */
    public ShadowgateConfig(ServerConfig server, AdminConfig admin, UpstreamConfig stable,
                            List<CandidateConfig> candidates, ShadowConfig shadow, CompareConfig compare,
                            RolloutConfig rollout, Optional<AzureMlConfig> azureml, LoggingConfig logging) {
        this(server, admin, stable, candidates, shadow, compare, rollout, azureml, logging, List.of());
    }

    /** One candidate or none, given as its upstream: the {@code candidate:} shorthand. */
    public ShadowgateConfig(ServerConfig server, AdminConfig admin, UpstreamConfig stable,
                            Optional<UpstreamConfig> candidate, ShadowConfig shadow, CompareConfig compare,
                            RolloutConfig rollout, Optional<AzureMlConfig> azureml, LoggingConfig logging) {
        this(server, admin, stable, shorthand(candidate, shadow), shadow, compare, rollout, azureml, logging);
    }

    /** Without an Azure ML endpoint or a logging section: text logs, no access log. */
    public ShadowgateConfig(ServerConfig server, AdminConfig admin, UpstreamConfig stable,
                            Optional<UpstreamConfig> candidate, ShadowConfig shadow, CompareConfig compare,
                            RolloutConfig rollout) {
        this(server, admin, stable, candidate, shadow, compare, rollout, Optional.empty(), LoggingConfig.defaults());
    }

    /** A gateway without a candidate: shadow and compare at their defaults. */
    public ShadowgateConfig(ServerConfig server, AdminConfig admin, UpstreamConfig stable) {
        this(server, admin, stable, Optional.empty(), ConfigLoader.defaults().shadow(), ConfigLoader.defaults().compare(),
                ConfigLoader.defaults().rollout());
    }

    private static List<CandidateConfig> shorthand(Optional<UpstreamConfig> candidate, ShadowConfig shadow) {
        return requireNonNull(candidate, "candidate")
                .map(upstream -> List.of(new CandidateConfig(CandidateConfig.SHORTHAND_NAME, upstream,
                        requireNonNull(shadow, "shadow").percent())))
                .orElse(List.of());
    }

    /** The candidate the rollout drives: the one {@code rollout.candidate} names, else the first; empty without any. */
    public Optional<CandidateConfig> rolloutCandidate() {
        Optional<String> named = rollout.candidate();
        return candidates.stream().filter(c -> named.isEmpty() || named.get().equals(c.name())).findFirst();
    }

    /** The rollout's candidate's upstream, the only candidate that takes live traffic; empty without a candidate. */
    public Optional<UpstreamConfig> candidate() {
        return rolloutCandidate().map(CandidateConfig::upstream);
    }

    /** This configuration with one candidate, named {@code candidate}, and the given shadow and compare settings. */
    public ShadowgateConfig withCandidate(UpstreamConfig candidate, ShadowConfig shadow, CompareConfig compare) {
        return new ShadowgateConfig(server, admin, stable, shorthand(Optional.of(candidate), shadow), shadow, compare,
                rollout, azureml, logging, routes);
    }

    /** This configuration with these candidates instead. */
    public ShadowgateConfig withCandidates(List<CandidateConfig> candidates) {
        return new ShadowgateConfig(server, admin, stable, candidates, shadow, compare, rollout, azureml, logging, routes);
    }

    /** This configuration with other rollout settings. */
    public ShadowgateConfig withRollout(RolloutConfig rollout) {
        return new ShadowgateConfig(server, admin, stable, candidates, shadow, compare, rollout, azureml, logging, routes);
    }

    /**
     * This configuration with the upstreams replaced, e.g. once the endpoint's scoring URI is known:
     * {@code candidate} replaces the rollout's candidate's upstream (empty: no candidates at all).
     */
    public ShadowgateConfig withUpstreams(UpstreamConfig stable, Optional<UpstreamConfig> candidate) {
        List<CandidateConfig> replaced = new ArrayList<>();
        if (candidate.isPresent()) {
            Optional<CandidateConfig> driven = rolloutCandidate();
            if (driven.isEmpty()) {
                replaced.addAll(shorthand(candidate, shadow));
            }
            for (CandidateConfig c : candidates) {
                replaced.add(driven.isPresent() && c.name().equals(driven.get().name())
                        ? new CandidateConfig(c.name(), candidate.get(), c.shadowPercent()) : c);
            }
        }
        return new ShadowgateConfig(server, admin, stable, replaced, shadow, compare, rollout, azureml, logging, routes);
    }

    /** This configuration with other logging settings. */
    public ShadowgateConfig withLogging(LoggingConfig logging) {
        return new ShadowgateConfig(server, admin, stable, candidates, shadow, compare, rollout, azureml, logging, routes);
    }

    /** This configuration with these routes instead. */
    public ShadowgateConfig withRoutes(List<RouteConfig> routes) {
        return new ShadowgateConfig(server, admin, stable, candidates, shadow, compare, rollout, azureml, logging, routes);
    }

    /**
     * What in this configuration is valid but probably not meant, one line each, for the
     * {@code validate} command and the startup log. Computed from the record, so it holds for a
     * configuration built in code as well as for a loaded one.
     */
    public List<String> warnings() {
        List<String> warnings = new ArrayList<>();
        if (candidates.isEmpty() || compare.noisePercent() > 0) {
            return warnings;
        }
        for (int i = 0; i < routes.size(); i++) {
            RouteConfig route = routes.get(i);
            ComparatorKind comparator = route.compare().comparator();
            if (comparator.scored()) {
                // The similarity gate judges the candidate's scores against stable's scores against
                // itself, which only the noise copies produce.
                warnings.add("routes[" + i + "] (" + route.label() + "): comparator " + comparator.configName()
                        + " is scored, but compare.noisePercent is 0, so stable is never compared with itself and"
                        + " the similarity gate can never pass; set compare.noisePercent (e.g. 5)");
            }
        }
        return warnings;
    }

    /** The routes with the default one behind them, for finding a request's route. */
    public RouteTable routeTable() {
        return new RouteTable(routes, compare);
    }
}
