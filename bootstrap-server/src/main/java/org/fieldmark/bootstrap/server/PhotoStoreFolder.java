package org.fieldmark.bootstrap.server;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;

/** A temporary photo folder, removed with its photos when the server closes. */
record PhotoStoreFolder(Path folder) implements AutoCloseable {

    static PhotoStoreFolder create() throws IOException {
        return new PhotoStoreFolder(Files.createTempDirectory("fieldmark-photos"));
    }

    @Override
    public void close() throws IOException {
        try (DirectoryStream<Path> files = Files.newDirectoryStream(folder)) {
            for (Path file : files) {
                Files.deleteIfExists(file);
            }
        }
        Files.deleteIfExists(folder);
    }
}
