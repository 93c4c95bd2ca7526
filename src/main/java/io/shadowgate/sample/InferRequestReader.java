package io.shadowgate.sample;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Set;

/**
 * Turns an Open Inference Protocol V2 (KServe) {@code infer} body into feature rows. Expects one
 * input tensor of a numeric datatype and shape {@code [n, 4]}, with {@code data} either flat
 * (row-major, {@code n * 4} numbers) or nested ({@code n} arrays of 4). All numeric datatypes are
 * read as doubles: the sample model computes in FP64 whatever the client sent. Stateless.
 */
final class InferRequestReader {
    private static final int FEATURES = IrisModel.FEATURES.size();
    private static final Set<String> NUMERIC = Set.of(
            "UINT8", "UINT16", "UINT32", "UINT64", "INT8", "INT16", "INT32", "INT64",
            "FP16", "FP32", "FP64", "BF16");

    /** What the reader found: the request {@code id} (echoed in the response, may be null) and rows. */
    record InferInput(String id, double[][] rows) {}

    private InferRequestReader() {}

    static InferInput read(JsonNode root) throws BadRequestException {
        if (root == null || root.isMissingNode()) {
            throw new BadRequestException("request body is empty: expected a JSON object with inputs");
        }
        if (!root.isObject()) {
            throw new BadRequestException("request body: expected a JSON object, got " + FeatureValues.describe(root));
        }
        JsonNode id = root.get("id");
        if (id != null && !id.isTextual()) {
            throw new BadRequestException("id: expected a string, got " + FeatureValues.describe(id));
        }
        JsonNode inputs = root.get("inputs");
        if (inputs == null || !inputs.isArray()) {
            throw new BadRequestException("inputs: expected an array with one input tensor, got "
                    + FeatureValues.describe(inputs));
        }
        if (inputs.size() != 1) {
            throw new BadRequestException("inputs: expected exactly 1 input tensor of shape [n, 4], got " + inputs.size());
        }
        return new InferInput(id == null ? null : id.asText(), readTensor(inputs.get(0), "inputs[0]"));
    }

    private static double[][] readTensor(JsonNode tensor, String path) throws BadRequestException {
        if (!tensor.isObject()) {
            throw new BadRequestException(path + ": expected a tensor object, got " + FeatureValues.describe(tensor));
        }
        JsonNode datatype = tensor.get("datatype");
        if (datatype == null || !datatype.isTextual() || !NUMERIC.contains(datatype.asText())) {
            throw new BadRequestException(path + ".datatype: expected a numeric datatype such as FP32 or FP64, got "
                    + FeatureValues.describe(datatype));
        }
        int rows = rowsOf(tensor.get("shape"), path + ".shape");
        JsonNode data = tensor.get("data");
        if (data == null || !data.isArray()) {
            throw new BadRequestException(path + ".data: expected an array, got " + FeatureValues.describe(data));
        }
        boolean nested = data.size() > 0 && data.get(0).isArray();
        return nested ? readNested(data, rows, path + ".data") : readFlat(data, rows, path + ".data");
    }

    /** The {@code n} of a {@code [n, 4]} shape. */
    private static int rowsOf(JsonNode shape, String path) throws BadRequestException {
        if (shape == null || !shape.isArray() || shape.size() != 2
                || !shape.get(0).canConvertToInt() || !shape.get(1).canConvertToInt()
                || shape.get(0).asInt() < 0 || shape.get(1).asInt() != FEATURES) {
            throw new BadRequestException(path + ": expected [n, 4], got " + shape);
        }
        return shape.get(0).asInt();
    }

    private static double[][] readFlat(JsonNode data, int rows, String path) throws BadRequestException {
        long expected = (long) rows * FEATURES;
        if (data.size() != expected) {
            throw new BadRequestException(path + ": expected " + expected + " values for shape [" + rows
                    + ", 4], got " + data.size());
        }
        double[][] out = new double[rows][FEATURES];
        for (int k = 0; k < expected; k++) {
            double v = FeatureValues.valueOrNaN(data.get(k));
            if (Double.isNaN(v)) {
                throw FeatureValues.reject(data.get(k), path + "[" + k + "]");
            }
            out[k / FEATURES][k % FEATURES] = v;
        }
        return out;
    }

    private static double[][] readNested(JsonNode data, int rows, String path) throws BadRequestException {
        if (data.size() != rows) {
            throw new BadRequestException(path + ": expected " + rows + " rows for shape [" + rows
                    + ", 4], got " + data.size());
        }
        double[][] out = new double[rows][FEATURES];
        for (int i = 0; i < rows; i++) {
            JsonNode row = data.get(i);
            if (!row.isArray() || row.size() != FEATURES) {
                throw new BadRequestException(path + "[" + i + "]: expected 4 features, got "
                        + FeatureValues.describe(row));
            }
            for (int j = 0; j < FEATURES; j++) {
                double v = FeatureValues.valueOrNaN(row.get(j));
                if (Double.isNaN(v)) {
                    throw FeatureValues.reject(row.get(j), path + "[" + i + "][" + j + "]");
                }
                out[i][j] = v;
            }
        }
        return out;
    }
}
