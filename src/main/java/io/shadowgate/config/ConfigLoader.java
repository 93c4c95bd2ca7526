package io.shadowgate.config;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Loads a {@link ShadowgateConfig} from YAML, expanding {@code ${VAR}} and
 * {@code ${VAR:-default}} from the given environment, and validating every value.
 *
 * <p>The environment is a parameter rather than {@link System#getenv()} so that callers decide
 * what the configuration may see and tests never depend on the machine they run on.
 */
public final class ConfigLoader {
    /** Where {@link #defaults()} points the stable upstream: the bundled sample model. */
    static final String DEFAULT_STABLE_URL = "http://127.0.0.1:9101";

    private ConfigLoader() {}

    /** Reads and parses {@code file} as UTF-8; see {@link #parse}. */
    public static ShadowgateConfig load(Path file, Map<String, String> env) throws ConfigException {
        requireNonNull(file, "file");
        requireNonNull(env, "env");
        String yaml;
        try {
            yaml = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new ConfigException(List.of("config file not found: " + file));
        } catch (CharacterCodingException e) {
            throw new ConfigException(List.of("config file is not valid UTF-8: " + file));
        } catch (IOException e) {
            throw new ConfigException(List.of("cannot read config file " + file + ": " + e.getMessage()));
        }
        return parse(yaml, env);
    }

    /**
     * Parses one YAML document. An empty document is allowed and means "all defaults", although
     * {@code stable.url}, which has no default, must still be given.
     *
     * @throws ConfigException listing every problem found, in document order
     */
    public static ShadowgateConfig parse(String yaml, Map<String, String> env) throws ConfigException {
        requireNonNull(yaml, "yaml");
        requireNonNull(env, "env");
        ConfigErrors errors = new ConfigErrors();
        YamlNode tree = YamlTreeReader.read(yaml, errors);
        ReadContext context = new ReadContext(errors, env);
        ShadowgateConfig config = ShadowgateSection.read(context.root(tree));
        context.finish();
        errors.throwIfAny(); // before returning: invalid values were replaced by placeholders
        return config;
    }

    /** Every key at its default, the stable upstream at {@value #DEFAULT_STABLE_URL}. */
    public static ShadowgateConfig defaults() {
        // Through the parser, so the defaults live in one place: the section readers.
        try {
            return parse("stable:\n  url: " + DEFAULT_STABLE_URL + "\n", Map.of());
        } catch (ConfigException e) {
            throw new IllegalStateException("the built-in defaults are invalid: " + e.getMessage(), e);
        }
    }
}
