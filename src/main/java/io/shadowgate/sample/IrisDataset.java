package io.shadowgate.sample;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The 150 rows of Fisher's Iris data (public domain), bundled as {@code /sample/iris.csv} with a
 * header row. The values are Fisher's originals, so rows 35 and 38 differ from the UCI copy, which
 * carries two transcription errors there. Load tests and demos build request bodies from it with
 * {@link #scoreRequestBody(int, int)}.
 */
public final class IrisDataset {
    static final String RESOURCE = "/sample/iris.csv";
    private static final String HEADER = "sepal_length,sepal_width,petal_length,petal_width,species";

    // Loaded once: the file is tiny and never changes at run time.
    private static final IrisDataset BUNDLED = load();

    private final List<double[]> features;
    private final List<String> labels;

    private IrisDataset(List<double[]> features, List<String> labels) {
        this.features = features;
        this.labels = labels;
    }

    /** The bundled dataset. */
    public static IrisDataset bundled() {
        return BUNDLED;
    }

    /** Number of rows (150). */
    public int size() {
        return features.size();
    }

    /** The feature rows, in file order, as fresh copies the caller may change. */
    public List<double[]> features() {
        List<double[]> copy = new ArrayList<>(features.size());
        for (double[] row : features) {
            copy.add(row.clone());
        }
        return copy;
    }

    /** The species of each row ({@code setosa}, {@code versicolor} or {@code virginica}). */
    public List<String> labels() {
        return labels;
    }

    /**
     * A valid {@code POST /score} body ({@code input_data} in pandas "split" orientation) holding
     * {@code rows} dataset rows starting at {@code firstRow}. Row numbers wrap around the end of
     * the dataset, so load generators can ask for any range.
     */
    public static String scoreRequestBody(int firstRow, int rows) {
        if (firstRow < 0 || rows < 0) {
            throw new IllegalArgumentException("firstRow and rows must be >= 0, got " + firstRow + ", " + rows);
        }
        StringBuilder index = new StringBuilder();
        StringBuilder data = new StringBuilder();
        int n = BUNDLED.size();
        for (int i = 0; i < rows; i++) {
            int row = (int) ((firstRow + (long) i) % n);
            if (i > 0) {
                index.append(',');
                data.append(',');
            }
            index.append(row);
            data.append('[');
            double[] x = BUNDLED.features.get(row);
            for (int j = 0; j < x.length; j++) {
                data.append(j == 0 ? "" : ",").append(x[j]);
            }
            data.append(']');
        }
        return "{\"input_data\":{\"columns\":[\"sepal_length\",\"sepal_width\",\"petal_length\","
                + "\"petal_width\"],\"index\":[" + index + "],\"data\":[" + data + "]}}";
    }

    private static IrisDataset load() {
        try (InputStream in = IrisDataset.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the classpath");
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            String header = reader.readLine();
            if (!HEADER.equals(header)) {
                throw new IllegalStateException(RESOURCE + ": unexpected header " + header);
            }
            List<double[]> features = new ArrayList<>();
            List<String> labels = new ArrayList<>();
            String line;
            int lineNo = 1;
            while ((line = reader.readLine()) != null) {
                lineNo++;
                if (line.isBlank()) {
                    continue;
                }
                String[] cells = line.split(",");
                if (cells.length != 5) {
                    throw new IllegalStateException(RESOURCE + ":" + lineNo + ": expected 5 cells");
                }
                double[] x = new double[4];
                for (int j = 0; j < 4; j++) {
                    x[j] = Double.parseDouble(cells[j]);
                }
                features.add(x);
                labels.add(cells[4]);
            }
            return new IrisDataset(List.copyOf(features), List.copyOf(labels));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
    }
}
