package io.shadowgate.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** Which route a request gets: {@link RouteMatch} patterns and the {@link RouteTable} around them. */
class RouteTableTest {
    private static final CompareConfig COMPARE = new CompareConfig(Optional.empty(), 1e-6, 1e-4, List.of(), List.of(),
            100, 0, Duration.ofMinutes(5));

    private static RouteConfig route(String name, String path, String method) {
        return new RouteConfig(Optional.ofNullable(name), new RouteMatch(path, Optional.ofNullable(method)),
                RouteCompareConfig.json(COMPARE));
    }

    @ParameterizedTest(name = "{0} {1} {2}: {3}")
    @CsvSource(delimiter = '|', textBlock = """
            # exact
            /v1/chat/completions | POST | /v1/chat/completions  | true
            /v1/chat/completions | POST | /v1/chat/completions/ | false
            /v1/chat/completions | POST | /v1/chat              | false
            /v1/chat/completions | POST | /v1/chat/completionsX | false
            # prefix: everything below, and the prefix itself without its slash
            /v1/*                | GET  | /v1/models            | true
            /v1/*                | GET  | /v1/a/b/c             | true
            /v1/*                | GET  | /v1/                  | true
            /v1/*                | GET  | /v1                   | true
            /v1/*                | GET  | /v10                  | false
            /v1/*                | GET  | /v2/models            | false
            # glob: one * is part of one segment
            /v2/models/*/infer   | POST | /v2/models/resnet/infer   | true
            /v2/models/*/infer   | POST | /v2/models/a/b/infer      | false
            /v2/models/*/infer   | POST | /v2/models/resnet/infer/x | false
            /v2/models/*/infer   | POST | /v2/models//infer         | true
            /v2/models/m-*/infer | POST | /v2/models/m-1/infer      | true
            /v2/models/m-*/infer | POST | /v2/models/n-1/infer      | false
            """)
    void patterns(String pattern, String method, String path, boolean matches) {
        assertThat(new RouteMatch(pattern, Optional.empty()).matches(method, path)).isEqualTo(matches);
    }

    @Test
    void aMethodIsUpperCasedAndMatchedIgnoringCase() {
        RouteMatch match = new RouteMatch("/score", Optional.of("post"));
        assertThat(match.method()).contains("POST");
        assertThat(match.matches("POST", "/score")).isTrue();
        assertThat(match.matches("post", "/score")).isTrue();
        assertThat(match.matches("GET", "/score")).isFalse();
        assertThat(new RouteMatch("/score", Optional.empty()).matches("DELETE", "/score")).isTrue();
    }

    @Test
    void aPatternMustStartWithASlash() {
        assertThatThrownBy(() -> new RouteMatch("v1/*", Optional.empty()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("starting with /");
    }

    @Test
    void theQueryIsNotMatched() {
        RouteTable table = new RouteTable(List.of(route("chat", "/v1/chat/completions", null)), COMPARE);
        assertThat(table.route("POST", "/v1/chat/completions?api-version=2024-10-21").label()).isEqualTo("chat");
        assertThat(table.route("POST", "/v1/chat?x=/v1/chat/completions").label()).isEqualTo("default");
    }

    @Test
    void theFirstMatchWinsAndTheRestFallToTheDefault() {
        RouteTable table = new RouteTable(List.of(
                route("chat", "/v1/chat/completions", "POST"),
                route(null, "/v1/*", null),
                route("never", "/v1/models", null)), COMPARE);
        assertThat(table.route("POST", "/v1/chat/completions").label()).isEqualTo("chat");
        assertThat(table.route("GET", "/v1/chat/completions").label()).isEqualTo("/v1/*");
        assertThat(table.route("GET", "/v1/models").label()).isEqualTo("/v1/*");
        RouteConfig other = table.route("POST", "/score");
        assertThat(other).isSameAs(table.fallback());
        assertThat(other.label()).isEqualTo(RouteConfig.DEFAULT_LABEL);
        assertThat(other.compare()).isEqualTo(RouteCompareConfig.json(COMPARE));
    }

    @Test
    void labelsAreNamesElsePatternsWithTheirMethodThenTheDefault() {
        RouteTable table = new RouteTable(List.of(
                route("chat", "/v1/chat/completions", "POST"),
                route(null, "/v2/models/*/infer", "post"),
                route(null, "/v1/*", null)), COMPARE);
        assertThat(table.labels()).containsExactly("chat", "POST /v2/models/*/infer", "/v1/*", "default");
        assertThat(table.routes()).hasSize(3);
    }
}
