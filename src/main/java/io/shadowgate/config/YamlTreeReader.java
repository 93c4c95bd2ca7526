package io.shadowgate.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/**
 * Turns YAML text into a {@link YamlNode} tree using Jackson's streaming YAML parser.
 *
 * <p>Streaming rather than {@code readTree} because the tree must keep scalars as written, and
 * because two YAML features would otherwise be silently wrong: Jackson returns an alias
 * ({@code *name}) as the string "name", and keeps only the last of two duplicate keys. Both are
 * reported as errors here. A syntax error stops reading and is reported with line and column.
 */
final class YamlTreeReader {
    private static final YAMLFactory FACTORY = YAMLFactory.builder().build();

    private final YAMLParser parser;
    private final ConfigErrors errors;
    private int order;

    private YamlTreeReader(YAMLParser parser, ConfigErrors errors) {
        this.parser = parser;
        this.errors = errors;
    }

    /**
     * Reads one YAML document; an empty document is an empty mapping. Alias and duplicate-key
     * problems go to {@code errors}; a syntax error throws at once, as nothing after it can be
     * trusted.
     */
    static YamlNode read(String yaml, ConfigErrors errors) throws ConfigException {
        try (YAMLParser parser = FACTORY.createParser(yaml)) {
            YamlTreeReader reader = new YamlTreeReader(parser, errors);
            JsonToken first = parser.nextToken();
            if (first == null) {
                return new YamlNode.Mapping(Map.of(), 0, 1);
            }
            YamlNode root = reader.node(first, "");
            reader.rejectFurtherDocuments();
            return root;
        } catch (StreamReadException e) {
            throw new ConfigException(List.of(syntaxError(e)));
        } catch (IOException e) {
            throw new UncheckedIOException("reading YAML from a string", e); // no real I/O here
        }
    }

    private YamlNode node(JsonToken token, String path) throws IOException {
        int at = order++;
        switch (token) {
            case START_OBJECT:
                return mapping(at, path);
            case START_ARRAY:
                return sequence(at, path);
            case VALUE_NULL:
                return new YamlNode.Null(at);
            default:
                if (parser.isCurrentAlias()) {
                    errors.add(at, path, "YAML aliases (*" + parser.getText()
                            + ") are not supported; repeat the value instead");
                    return new YamlNode.Null(at);
                }
                // Raw text for every scalar type: typed readers parse it themselves.
                return new YamlNode.Scalar(parser.getText(), at);
        }
    }

    private YamlNode mapping(int at, String path) throws IOException {
        Map<String, YamlNode> entries = new LinkedHashMap<>();
        Map<String, Integer> lines = new HashMap<>();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String key = parser.currentName();
            int line = parser.currentTokenLocation().getLineNr();
            String child = ConfigErrors.child(path, key);
            YamlNode value = node(parser.nextToken(), child);
            if (entries.containsKey(key)) {
                errors.add(value.order(), child,
                        "duplicate key (first defined on line " + lines.get(key) + ")");
            } else {
                entries.put(key, value);
                lines.put(key, line);
            }
        }
        return new YamlNode.Mapping(Collections.unmodifiableMap(entries), at, order++);
    }

    private YamlNode sequence(int at, String path) throws IOException {
        List<YamlNode> items = new ArrayList<>();
        JsonToken token;
        while ((token = parser.nextToken()) != JsonToken.END_ARRAY) {
            items.add(node(token, ConfigErrors.element(path, items.size())));
        }
        return new YamlNode.Sequence(List.copyOf(items), at);
    }

    /** A second {@code ---} document would be ignored silently by most readers; say so. */
    private void rejectFurtherDocuments() throws IOException {
        JsonToken token = parser.nextToken();
        if (token == null || (token == JsonToken.VALUE_STRING && parser.getText().isEmpty())) {
            return; // nothing, or an empty document after a trailing "---"
        }
        errors.add(order, "", "more than one YAML document (---); put all settings in one");
    }

    /**
     * SnakeYAML's own exception (the cause) marks the problem precisely and says what was being
     * parsed; Jackson's location is only where its reader stopped, sometimes a line earlier.
     */
    private static String syntaxError(StreamReadException e) {
        if (e.getCause() instanceof MarkedYAMLException marked && marked.getProblemMark() != null) {
            Mark mark = marked.getProblemMark();
            Mark contextMark = marked.getContextMark();
            String context = marked.getContext() == null || contextMark == null ? ""
                    : " (" + marked.getContext() + " on line " + (contextMark.getLine() + 1) + ")";
            return at(mark.getLine() + 1, mark.getColumn() + 1) + marked.getProblem() + context;
        }
        JsonLocation where = e.getLocation();
        String problem = e.getOriginalMessage();
        return where == null ? "YAML syntax error: " + problem
                : at(where.getLineNr(), where.getColumnNr()) + problem;
    }

    private static String at(int line, int column) {
        return "YAML syntax error at line " + line + ", column " + column + ": ";
    }
}
