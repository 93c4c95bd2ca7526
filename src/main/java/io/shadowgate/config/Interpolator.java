package io.shadowgate.config;

import java.util.Map;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * Expands {@code ${VAR}} and {@code ${VAR:-default}} in one scalar from an injected environment.
 *
 * <p>Follows the shell: {@code :-} uses the default when the variable is unset <em>or empty</em>.
 * {@code $${} is the escape for a literal {@code ${}. Values taken from the environment are not
 * expanded again, so a secret that happens to contain {@code ${} arrives intact. Problems are
 * handed to a consumer rather than thrown, so one value can report several unset variables.
 */
final class Interpolator {
    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final String FORMS =
            "(expected: ${NAME} or ${NAME:-default}; write $${ for a literal ${)";

    private Interpolator() {}

    /** {@code text} with every reference replaced; unresolvable references expand to "". */
    static String expand(String text, Map<String, String> env, Consumer<String> problems) {
        if (text.indexOf('$') < 0) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length());
        int i = 0;
        while (i < text.length()) {
            if (text.startsWith("$${", i)) {
                out.append("${");
                i += 3;
            } else if (text.startsWith("${", i)) {
                int close = text.indexOf('}', i + 2);
                if (close < 0) {
                    problems.accept("unterminated ${ " + FORMS);
                    return out.toString();
                }
                out.append(resolve(text.substring(i + 2, close), env, problems));
                i = close + 1;
            } else {
                out.append(text.charAt(i++));
            }
        }
        return out.toString();
    }

    private static String resolve(String body, Map<String, String> env, Consumer<String> problems) {
        int separator = body.indexOf(":-");
        String name = separator < 0 ? body : body.substring(0, separator);
        if (!NAME.matcher(name).matches()) {
            problems.accept("invalid reference ${" + body + "} " + FORMS);
            return "";
        }
        String value = env.get(name);
        if (separator >= 0) {
            String fallback = body.substring(separator + 2);
            if (fallback.contains("${")) {
                problems.accept("${" + name + ":-...} has a nested ${ in its default, which is not supported");
                return "";
            }
            return value == null || value.isEmpty() ? fallback : value;
        }
        if (value == null) {
            problems.accept("environment variable " + name + " is not set (use ${"
                    + name + ":-default} for a default)");
            return "";
        }
        return value;
    }
}
