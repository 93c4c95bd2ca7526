package io.shadowgate.config;

import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** Test helper: reads a YAML snippet with a custom section reader, or a whole config, and returns the errors. */
final class Reading {
    private Reading() {}

    record Result<T>(T value, List<String> errors) {}

    static <T> Result<T> read(String yaml, Map<String, String> env, Function<ConfigNode, T> reader) {
        ConfigErrors errors = new ConfigErrors();
        try {
            ReadContext context = new ReadContext(errors, env);
            T value = reader.apply(context.root(YamlTreeReader.read(yaml, errors)));
            context.finish();
            return new Result<>(value, errors.messages());
        } catch (ConfigException e) {
            return new Result<>(null, e.errors());
        }
    }

    static <T> Result<T> read(String yaml, Function<ConfigNode, T> reader) {
        return read(yaml, Map.of(), reader);
    }

    /** The errors of a whole config that must not load; fails the test when it loads. */
    static List<String> errorsOf(String yaml) {
        try {
            ConfigLoader.parse(yaml, Map.of());
        } catch (ConfigException e) {
            return e.errors();
        }
        throw new AssertionError("expected config errors for:\n" + yaml);
    }
}
