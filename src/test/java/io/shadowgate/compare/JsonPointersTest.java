package io.shadowgate.compare;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.IntNode;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** RFC 6901 escaping and token splitting, and collapsing indices for metric labels. */
class JsonPointersTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(textBlock = """
            /predictions/3/score,           /predictions/*/score
            /predictions/0,                 /predictions/*
            /predictions/12/0/1,            /predictions/*/*/*
            /outputs/probabilities/data/17, /outputs/probabilities/data/*
            /a/01/b,                        /a/01/b
            /a/-/b,                         /a/-/b
            /a/1e3,                         /a/1e3
            /a~1b/2,                        /a~1b/*
            /2024/x,                        /*/x
            /a//b,                          /a//b
            /,                              /
            /5/,                            /*/
            '',                             ''
            """)
    void collapseTurnsIndicesIntoWildcards(String path, String collapsed) {
        assertThat(JsonPointers.collapse(path)).isEqualTo(collapsed);
        assertThat(new Difference(path, Difference.Kind.VALUE, IntNode.valueOf(1), IntNode.valueOf(2)).collapsedPath())
                .isEqualTo(collapsed);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(textBlock = """
            plain, plain
            a/b,   a~1b
            m~n,   m~0n
            ~1,    ~01
            /~,    ~1~0
            '',    ''
            """)
    void escape(String token, String escaped) {
        assertThat(JsonPointers.escape(token)).isEqualTo(escaped);
        assertThat(JsonPointers.tokens("/" + escaped)).containsExactly(token);
    }

    /** Tokens separated by {@code |} in the second column. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(textBlock = """
            /a/b,         a|b
            /a~1b/m~0n,   a/b|m~n
            /~01,         ~1
            /*/x,         *|x
            '/',          ''
            '//',         '|'
            """)
    void tokens(String pointer, String expected) {
        assertThat(JsonPointers.tokens(pointer)).containsExactlyElementsOf(Arrays.asList(expected.split("\\|", -1)));
    }

    @Test
    void theRootHasNoTokens() {
        assertThat(JsonPointers.tokens("")).isEqualTo(List.of());
    }

    @ParameterizedTest
    @CsvSource({"a/b, 'starting with /'", "/a~2, '~ only as ~0 or ~1'", "/a~, '~ only as ~0 or ~1'"})
    void rejectsWhatIsNotAPointer(String pointer, String message) {
        assertThatThrownBy(() -> JsonPointers.tokens(pointer))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(message);
    }

    @Test
    void nodePathsEscapeWhatTheyPrint() {
        NodePath path = NodePath.ROOT.key("a/b").index(3).key("m~n").output("probs", 0);
        assertThat(path.pointer()).isEqualTo("/a~1b/3/m~0n/probs");
        assertThat(NodePath.of("/a~1b/3/m~0n").pointer()).isEqualTo("/a~1b/3/m~0n");
        assertThat(NodePath.ROOT.pointer()).isEmpty();
    }
}
