package io.shadowgate.config;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What every reader of one configuration shares: the error collector, the environment for
 * {@code ${VAR}} expansion, and the sections opened so far.
 *
 * <p>Sections are remembered so that {@link #finish()} can report unknown keys in all of them;
 * that way a section reader cannot forget to, and a new section gets unknown-key checks for free.
 */
final class ReadContext {
    private final ConfigErrors errors;
    private final Map<String, String> env;
    private final List<ConfigNode> sections = new ArrayList<>();

    ReadContext(ConfigErrors errors, Map<String, String> env) {
        this.errors = requireNonNull(errors, "errors");
        this.env = requireNonNull(env, "env");
    }

    ConfigErrors errors() {
        return errors;
    }

    Map<String, String> env() {
        return env;
    }

    /** The document root as a section; a root that is not a mapping is reported. */
    ConfigNode root(YamlNode tree) {
        return new ConfigValue(this, "", tree).asSection();
    }

    /**
     * Opens a section. {@code mapping} is null when the section is absent; {@code reportMissing}
     * is false when it was present but not a mapping, so its required keys are not reported on
     * top of that error. {@code endOrder} positions "required" errors in the document.
     */
    ConfigNode open(String path, YamlNode.Mapping mapping, int endOrder, boolean reportMissing) {
        ConfigNode section = new ConfigNode(this, path, mapping, endOrder, reportMissing);
        sections.add(section);
        return section;
    }

    /** Reports unknown keys in every section opened; call once, after all sections are read. */
    void finish() {
        sections.forEach(ConfigNode::reportUnknownKeys);
    }
}
