package io.shadowgate.sample;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * Turns a {@code POST /score} body into feature rows. Accepts the shapes that Azure ML and MLflow
 * clients send:
 * <ul>
 *   <li>{@code {"input_data": {"columns": [...], "index": [...], "data": [[...], ...]}}} (pandas
 *       "split"; MLflow calls it {@code dataframe_split}); {@code columns} and {@code index} are
 *       optional;</li>
 *   <li>{@code {"data": [...]}} (legacy Azure ML), {@code {"inputs": [...]}} and
 *       {@code {"instances": [...]}}, where each row is an array of 4 numbers in feature order or
 *       an object keyed by feature name.</li>
 * </ul>
 * Named columns may come in any order; names are matched ignoring case, punctuation and a
 * {@code cm} unit, so {@code sepal_length}, {@code sepal length (cm)} and {@code SepalLengthCm}
 * all work. Unknown, missing or repeated columns are rejected. Stateless.
 */
final class ScoreRequestReader {
    private static final int FEATURES = IrisModel.FEATURES.size();
    private static final String FIELDS = "input_data, dataframe_split, data, inputs or instances";

    private ScoreRequestReader() {}

    static double[][] read(JsonNode root) throws BadRequestException {
        if (root == null || root.isMissingNode()) {
            throw new BadRequestException("request body is empty: expected a JSON object with " + FIELDS);
        }
        if (!root.isObject()) {
            throw new BadRequestException("request body: expected a JSON object, got " + FeatureValues.describe(root));
        }
        JsonNode n;
        if ((n = root.get("input_data")) != null) {
            return readFrame(n, "input_data");
        }
        if ((n = root.get("dataframe_split")) != null) {
            return readFrame(n, "dataframe_split");
        }
        for (String field : new String[] {"data", "inputs", "instances"}) {
            if ((n = root.get(field)) != null) {
                return readRows(n, field, null);
            }
        }
        throw new BadRequestException("request body: expected a field " + FIELDS + ", got " + fieldNames(root));
    }

    /** {@code {"columns": [...], "index": [...], "data": [...]}}, or directly a list of rows. */
    private static double[][] readFrame(JsonNode frame, String path) throws BadRequestException {
        if (frame.isArray()) {
            return readRows(frame, path, null);
        }
        if (!frame.isObject()) {
            throw new BadRequestException(path + ": expected an object with columns and data, got "
                    + FeatureValues.describe(frame));
        }
        JsonNode data = frame.get("data");
        if (data == null) {
            throw new BadRequestException(path + ".data: missing");
        }
        JsonNode columns = frame.get("columns");
        int[] order = columns == null ? null : columnOrder(columns, path + ".columns");
        double[][] rows = readRows(data, path + ".data", order);
        JsonNode index = frame.get("index");
        if (index != null && (!index.isArray() || index.size() != rows.length)) {
            throw new BadRequestException(path + ".index: expected an array of " + rows.length
                    + " (one per data row), got " + FeatureValues.describe(index));
        }
        return rows;
    }

    /**
     * For each position in {@code columns}, the feature index it holds. Exactly the four
     * features, each once.
     */
    private static int[] columnOrder(JsonNode columns, String path) throws BadRequestException {
        if (!columns.isArray()) {
            throw new BadRequestException(path + ": expected an array of column names, got "
                    + FeatureValues.describe(columns));
        }
        int[] order = new int[columns.size()];
        boolean[] seen = new boolean[FEATURES];
        for (int i = 0; i < order.length; i++) {
            JsonNode name = columns.get(i);
            if (!name.isTextual()) {
                throw new BadRequestException(path + "[" + i + "]: expected a column name, got "
                        + FeatureValues.describe(name));
            }
            int feature = featureIndex(name.asText());
            if (feature < 0) {
                throw new BadRequestException(path + "[" + i + "]: unknown column \"" + name.asText()
                        + "\" (expected " + String.join(", ", IrisModel.FEATURES) + ")");
            }
            if (seen[feature]) {
                throw new BadRequestException(path + "[" + i + "]: column \"" + name.asText() + "\" given twice");
            }
            seen[feature] = true;
            order[i] = feature;
        }
        for (int f = 0; f < FEATURES; f++) {
            if (!seen[f]) {
                throw new BadRequestException(path + ": missing column \"" + IrisModel.FEATURES.get(f) + "\"");
            }
        }
        return order;
    }

    /** An array of rows; each row positional ({@code order} maps positions) or a named object. */
    private static double[][] readRows(JsonNode rows, String path, int[] order) throws BadRequestException {
        if (!rows.isArray()) {
            throw new BadRequestException(path + ": expected an array of rows, got " + FeatureValues.describe(rows));
        }
        double[][] out = new double[rows.size()][];
        for (int i = 0; i < out.length; i++) {
            JsonNode row = rows.get(i);
            if (row.isArray()) {
                out[i] = readPositional(row, path, i, order);
            } else if (row.isObject() && order == null) {
                out[i] = readNamed(row, path + "[" + i + "]");
            } else {
                throw new BadRequestException(path + "[" + i + "]: expected a row of " + FEATURES
                        + " numbers, got " + FeatureValues.describe(row));
            }
        }
        return out;
    }

    private static double[] readPositional(JsonNode row, String path, int i, int[] order)
            throws BadRequestException {
        if (row.size() != FEATURES) {
            throw new BadRequestException(path + "[" + i + "]: expected " + FEATURES + " features, got " + row.size());
        }
        double[] x = new double[FEATURES];
        for (int j = 0; j < FEATURES; j++) {
            double v = FeatureValues.valueOrNaN(row.get(j));
            if (Double.isNaN(v)) {
                throw FeatureValues.reject(row.get(j), path + "[" + i + "][" + j + "]");
            }
            x[order == null ? j : order[j]] = v;
        }
        return x;
    }

    private static double[] readNamed(JsonNode row, String path) throws BadRequestException {
        double[] x = new double[FEATURES];
        boolean[] seen = new boolean[FEATURES];
        Iterator<String> names = row.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            int feature = featureIndex(name);
            if (feature < 0) {
                throw new BadRequestException(path + ": unknown column \"" + name + "\" (expected "
                        + String.join(", ", IrisModel.FEATURES) + ")");
            }
            if (seen[feature]) {
                throw new BadRequestException(path + ": column \"" + name + "\" given twice");
            }
            seen[feature] = true;
            x[feature] = FeatureValues.number(row.get(name), path + "." + name);
        }
        for (int f = 0; f < FEATURES; f++) {
            if (!seen[f]) {
                throw new BadRequestException(path + ": missing column \"" + IrisModel.FEATURES.get(f) + "\"");
            }
        }
        return x;
    }

    /** Index of the feature a column name means, or -1. */
    static int featureIndex(String column) {
        // Fast path: the canonical names, as every generated body spells them.
        int exact = IrisModel.FEATURES.indexOf(column);
        if (exact >= 0) {
            return exact;
        }
        StringBuilder letters = new StringBuilder(column.length());
        for (int i = 0; i < column.length(); i++) {
            char c = column.charAt(i);
            if (Character.isLetter(c)) {
                letters.append(Character.toLowerCase(c));
            }
        }
        String key = letters.toString();
        if (key.endsWith("cm")) {
            key = key.substring(0, key.length() - 2);
        }
        return switch (key) {
            case "sepallength" -> 0;
            case "sepalwidth" -> 1;
            case "petallength" -> 2;
            case "petalwidth" -> 3;
            default -> -1;
        };
    }

    private static String fieldNames(JsonNode object) {
        List<String> names = new ArrayList<>();
        object.fieldNames().forEachRemaining(names::add);
        return names.isEmpty() ? "an empty object" : "fields " + String.join(", ", names);
    }
}
