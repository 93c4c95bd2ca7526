package io.shadowgate.config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads the candidates: either {@code candidate:} (one upstream, named {@code candidate}) or
 * {@code candidates:} (a list of upstreams, each with a {@code name} and its own
 * {@code shadowPercent}, which defaults to {@code shadow.percent}), never both. Names are unique.
 */
final class CandidatesSection {
    /** The candidate only ever serves a copy of the traffic at first, so it gets less time than stable. */
    static final Duration CANDIDATE_TIMEOUT = Duration.ofSeconds(10);

    private CandidatesSection() {}

    /** Whether the document names any candidate (a present {@code candidate} or {@code candidates} key). */
    static boolean present(ConfigNode root) {
        return root.value("candidate").isPresent() || root.value("candidates").isPresent();
    }

    /**
     * The candidates in configured order; with an Azure ML endpoint ({@code fromEndpoint}) there is
     * one even without a section, reached through the endpoint's scoring URI.
     */
    static Read read(ConfigNode root, ShadowConfig shadow, boolean fromEndpoint) {
        boolean single = root.value("candidate").isPresent();
        Optional<ConfigValue> list = root.value("candidates");
        if (single && list.isPresent()) {
            root.reject("candidates", "cannot be given with candidate: (candidate: is shorthand for a list of one;"
                    + " move it into candidates:)");
            return new Read(List.of(), Map.of());
        }
        if (list.isEmpty()) {
            return new Read(single || fromEndpoint
                    ? List.of(new CandidateConfig(CandidateConfig.SHORTHAND_NAME,
                            UpstreamSection.read(root.section("candidate"), CANDIDATE_TIMEOUT, fromEndpoint),
                            shadow.percent()))
                    : List.of(), Map.of());
        }
        List<ConfigValue> elements = list.get().asList();
        if (elements.isEmpty() && list.get().isList()) {
            root.reject("candidates", "empty (expected: at least one candidate, e.g. [{name: green, url: ...}])");
        }
        Map<String, ConfigValue> names = new LinkedHashMap<>();
        List<CandidateConfig> candidates = new ArrayList<>();
        Map<String, ConfigNode> sections = new LinkedHashMap<>();
        for (ConfigValue element : elements) {
            ConfigNode node = element.asSection();
            String name = name(node, names);
            UpstreamConfig upstream = UpstreamSection.read(node, CANDIDATE_TIMEOUT, fromEndpoint);
            double percent = node.decimal("shadowPercent", shadow.percent(), 0, 100);
            if (name != null) {
                candidates.add(new CandidateConfig(name, upstream, percent));
                sections.put(name, node);
            }
        }
        return new Read(candidates, sections);
    }

    /**
     * What was read: the candidates and, for those from the {@code candidates:} list, their
     * sections, for checks that need the rest of the document first.
     */
    record Read(List<CandidateConfig> candidates, Map<String, ConfigNode> sections) {
        List<String> names() {
            return candidates.stream().map(CandidateConfig::name).toList();
        }

        /**
         * The endpoint has one candidate deployment, which the rollout's traffic map moves: another
         * candidate reached through its scoring URI would be that same deployment under another
         * name, so every candidate but {@code driven} needs its own url.
         */
        void requireUrlsBesides(String driven) {
            for (CandidateConfig candidate : candidates) {
                ConfigNode section = sections.get(candidate.name());
                if (section != null && !candidate.name().equals(driven) && candidate.upstream().awaitsEndpointUri()) {
                    section.required("url");
                }
            }
        }
    }

    /** The element's name, or null (reported) when it is missing, malformed or taken. */
    private static String name(ConfigNode node, Map<String, ConfigValue> names) {
        Optional<ConfigValue> value = node.value("name");
        if (value.isEmpty()) {
            node.required("name");
            return null;
        }
        Optional<String> text = value.get().asString().map(String::trim);
        if (text.isEmpty()) {
            return null;
        }
        String name = text.get();
        if (!CandidateConfig.validName(name)) {
            value.get().invalid(ConfigErrors.quote(name), CandidateConfig.NAME_EXPECTED);
            return null;
        }
        ConfigValue first = names.putIfAbsent(name, value.get());
        if (first != null) {
            node.reject("name", ConfigErrors.quote(name) + " (expected: a name no other candidate has; "
                    + first.path() + " has it)");
            return null;
        }
        return name;
    }
}
