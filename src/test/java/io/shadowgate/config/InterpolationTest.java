package io.shadowgate.config;

import static io.shadowgate.config.ConfigLoaderTest.errorsOf;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class InterpolationTest {

    private static String expand(String text, Map<String, String> env) {
        List<String> problems = new ArrayList<>();
        String result = Interpolator.expand(text, env, problems::add);
        assertThat(problems).as("problems expanding %s", text).isEmpty();
        return result;
    }

    private static List<String> problems(String text, Map<String, String> env) {
        List<String> problems = new ArrayList<>();
        Interpolator.expand(text, env, problems::add);
        return problems;
    }

    @Test
    void setVariableIsSubstituted() {
        assertThat(expand("${A}", Map.of("A", "x"))).isEqualTo("x");
    }

    @Test
    void defaultAppliesWhenUnsetOrEmpty() {
        assertThat(expand("${A:-dflt}", Map.of())).isEqualTo("dflt");
        assertThat(expand("${A:-dflt}", Map.of("A", ""))).isEqualTo("dflt");
        assertThat(expand("${A:-dflt}", Map.of("A", "set"))).isEqualTo("set");
        assertThat(expand("${A:-}", Map.of())).isEmpty();
    }

    @Test
    void setButEmptyVariableWithoutDefaultIsEmpty() {
        assertThat(expand("x${A}y", Map.of("A", ""))).isEqualTo("xy");
    }

    @Test
    void severalReferencesInOneValue() {
        assertThat(expand("http://${HOST:-127.0.0.1}:${PORT}/v${V:-1}", Map.of("PORT", "9101")))
                .isEqualTo("http://127.0.0.1:9101/v1");
    }

    @Test
    void doubleDollarEscapesALiteralReference() {
        assertThat(expand("$${A} costs $5 and $$", Map.of("A", "x"))).isEqualTo("${A} costs $5 and $$");
    }

    @Test
    void valuesFromTheEnvironmentAreNotExpandedAgain() {
        assertThat(expand("${SECRET}", Map.of("SECRET", "a${B}c"))).isEqualTo("a${B}c");
    }

    @Test
    void malformedReferencesAreReported() {
        assertThat(problems("${A", Map.of())).containsExactly(
                "unterminated ${ (expected: ${NAME} or ${NAME:-default}; write $${ for a literal ${)");
        assertThat(problems("${1A} ${}", Map.of())).containsExactly(
                "invalid reference ${1A} (expected: ${NAME} or ${NAME:-default}; write $${ for a literal ${)",
                "invalid reference ${} (expected: ${NAME} or ${NAME:-default}; write $${ for a literal ${)");
        assertThat(problems("${A:-${B}}", Map.of()))
                .containsExactly("${A:-...} has a nested ${ in its default, which is not supported");
    }

    @Test
    void unsetVariableNamesKeyPathAndVariable() {
        assertThat(errorsOf("stable:\n  url: ${MODEL_URL}\n").errors()).containsExactly(
                "stable.url: environment variable MODEL_URL is not set (use ${MODEL_URL:-default} for a default)");
    }

    @Test
    void everyUnsetVariableInAValueIsReported() {
        assertThat(errorsOf("stable:\n  url: http://${HOST}:${PORT}\n").errors()).containsExactly(
                "stable.url: environment variable HOST is not set (use ${HOST:-default} for a default)",
                "stable.url: environment variable PORT is not set (use ${PORT:-default} for a default)");
    }

    @Test
    void interpolatedScalarsConvertToTheirType() throws Exception {
        String yaml = """
                server:
                  port: ${PORT:-8080}
                  idleTimeout: ${IDLE:-5s}
                  maxRequestBytes: ${MAX_BODY}
                admin:
                  token: ${SHADOWGATE_ADMIN_TOKEN:-}
                stable:
                  url: http://${MODEL_HOST:-127.0.0.1}:${MODEL_PORT}/score
                  headers:
                    Authorization: Bearer ${MODEL_KEY}
                """;
        Map<String, String> env = Map.of("MAX_BODY", "1MiB", "MODEL_PORT", "9101", "MODEL_KEY", "k3y",
                "SHADOWGATE_ADMIN_TOKEN", "t0ken");

        ShadowgateConfig config = ConfigLoader.parse(yaml, env);

        assertThat(config.server().port()).isEqualTo(8080);
        assertThat(config.server().idleTimeout()).hasSeconds(5);
        assertThat(config.server().maxRequestBytes()).isEqualTo(1024 * 1024);
        assertThat(config.admin().token()).isEqualTo("t0ken");
        assertThat(config.stable().url()).isEqualTo(URI.create("http://127.0.0.1:9101/score"));
        assertThat(config.stable().headers()).containsEntry("Authorization", "Bearer k3y");
    }

    @Test
    void interpolatedValueIsValidatedLikeAWrittenOne() {
        assertThat(errorsOf("server:\n  port: ${PORT}\nstable:\n  url: http://h\n", Map.of("PORT", "99999"))
                .errors()).containsExactly("server.port: 99999 (expected: 0..65535)");
    }

    @Test
    void referencesInUnknownKeysOnlyReportTheUnknownKey() {
        assertThat(errorsOf("stable:\n  url: http://h\n  secret: ${NOPE}\n").errors())
                .containsExactly("stable.secret: unknown key (expected one of: url, headers, connectTimeout,"
                        + " timeout, maxConnections, firstByteTimeout, idleTimeout)");
    }

    @Test
    void keysAreNotInterpolated() {
        assertThat(errorsOf("stable:\n  url: http://h\n  ${X}: 1\n", Map.of("X", "timeout")).errors())
                .singleElement().asString().startsWith("stable.${X}: unknown key");
    }
}
