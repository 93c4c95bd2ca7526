package io.shadowgate.config;

import java.util.List;

/**
 * A configuration that cannot be used, with every problem found rather than only the first.
 * Each error reads {@code path: message}, e.g. {@code server.port: 70000 (expected: 0..65535)},
 * in the order the problems appear in the file.
 */
public final class ConfigException extends Exception {
    private final List<String> errors;

    /** {@code errors} must not be empty. */
    public ConfigException(List<String> errors) {
        super(String.join("\n", errors));
        if (errors.isEmpty()) {
            throw new IllegalArgumentException("a ConfigException needs at least one error");
        }
        this.errors = List.copyOf(errors);
    }

    /** Every problem, each as {@code path: message}. */
    public List<String> errors() {
        return errors;
    }
}
