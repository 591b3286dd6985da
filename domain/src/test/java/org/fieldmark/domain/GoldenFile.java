package org.fieldmark.domain;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Reads the tab-separated files that {@code golden/generate_golden.py} wrote with Python, the
 * independent oracle for the workshop Lambda's formatting and messages.
 */
final class GoldenFile {

    private GoldenFile() {
    }

    /** The rows of a golden file, split at tabs; lines starting with '#' are comments. */
    static List<String[]> rows(String name, int columns) {
        String resource = "/golden/" + name;
        InputStream in = GoldenFile.class.getResourceAsStream(resource);
        if (in == null) {
            throw new IllegalStateException(resource + " is missing; run golden/generate_golden.py");
        }
        List<String[]> rows = new ArrayList<>();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            int number = 0;
            while ((line = reader.readLine()) != null) {
                number++;
                if (line.isEmpty() || line.startsWith("#")) {
                    continue;
                }
                String[] cells = line.split("\t", -1);
                if (cells.length != columns) {
                    throw new IllegalStateException(resource + " line " + number + " has " + cells.length
                            + " columns, expected " + columns + ": " + line);
                }
                rows.add(cells);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return rows;
    }

    /** A double written by Python's {@code float.hex()}, which Java reads as a hex float literal. */
    static double hexDouble(String text) {
        return Double.parseDouble(text);
    }

    /** Space-separated {@code float.hex()} values. */
    static double[] hexVector(String text) {
        return Arrays.stream(text.split(" ")).mapToDouble(GoldenFile::hexDouble).toArray();
    }
}
