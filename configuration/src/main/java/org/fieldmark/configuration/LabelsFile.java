package org.fieldmark.configuration;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import org.fieldmark.domain.SpeciesCatalog;

/**
 * A labels file named by the configuration ({@code identification.labels} / {@code LABELS}): one
 * label per line, UTF-8, read into the domain's {@link SpeciesCatalog} (which only ever sees lines).
 */
public final class LabelsFile {

    private LabelsFile() {
    }

    /**
     * Reads {@code file}; the catalog is named after the file.
     *
     * @throws IllegalArgumentException when the file cannot be read or holds bad labels
     */
    public static SpeciesCatalog read(Path file) {
        Objects.requireNonNull(file, "file");
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException | UncheckedIOException e) {
            throw new IllegalArgumentException("cannot read labels file " + file + ": " + e.getMessage(), e);
        }
        Path fileName = file.getFileName();
        return SpeciesCatalog.fromLines(fileName == null ? file.toString() : fileName.toString(), lines);
    }
}
