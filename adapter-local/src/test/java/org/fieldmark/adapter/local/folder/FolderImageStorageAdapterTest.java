package org.fieldmark.adapter.local.folder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.fieldmark.application.error.ConfigurationInvalidException;
import org.fieldmark.application.error.ErrorCode;
import org.fieldmark.application.error.FieldmarkException;
import org.fieldmark.application.port.out.ImageReference;
import org.fieldmark.application.port.out.ImageStoragePort;
import org.fieldmark.application.port.out.StoredImage;
import org.fieldmark.application.testing.ImageSamples;
import org.fieldmark.application.testing.ImageStoragePortContract;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class FolderImageStorageAdapterTest {

    @TempDir
    Path temp;

    private Path root;
    private Path outside;

    @BeforeEach
    void folders() throws IOException {
        root = Files.createDirectories(temp.resolve("birds"));
        outside = Files.createDirectories(temp.resolve("private"));
        Files.write(outside.resolve("secret.jpg"), ImageSamples.jpeg(64));
        Files.write(temp.resolve("sibling.jpg"), ImageSamples.jpeg(64));
        Files.createDirectories(root.resolve("garden"));
        Files.write(root.resolve("garden/jay.jpg"), ImageSamples.jpeg(100));
        Files.createSymbolicLink(root.resolve("leak.jpg"), outside.resolve("secret.jpg"));
        Files.createSymbolicLink(root.resolve("elsewhere"), outside);
        Files.createSymbolicLink(root.resolve("garden/alias.jpg"), root.resolve("garden/jay.jpg"));
    }

    @Test
    void readsAFileInASubfolderWithTypeAndVersionFromTheFile() throws IOException {
        StoredImage image = new FolderImageStorageAdapter(root).fetch(ImageReference.of("garden/jay.jpg"));

        assertThat(image.contentLength()).isEqualTo(100);
        assertThat(image.contentType()).isEqualTo("image/jpeg");
        assertThat(image.version()).isEqualTo("100-"
                + Files.getLastModifiedTime(root.resolve("garden/jay.jpg")).toMillis());
    }

    @Test
    void followsALinkThatStaysInsideTheFolder() {
        assertThat(new FolderImageStorageAdapter(root).fetch(ImageReference.of("garden/alias.jpg")).contentLength())
                .isEqualTo(100);
    }

    @Test
    void createsTheFolderWhenItIsMissing() {
        Path missing = temp.resolve("new/birds");

        FolderImageStorageAdapter storage = new FolderImageStorageAdapter(missing);

        assertThat(missing).isDirectory();
        assertThat(storage.root()).isEqualTo(missing);
    }

    @Test
    void refusesAFileAsTheFolder() throws IOException {
        Path file = Files.writeString(temp.resolve("birds.txt"), "x");

        assertThatThrownBy(() -> new FolderImageStorageAdapter(file))
                .isInstanceOf(ConfigurationInvalidException.class).hasMessageContaining("birds.txt");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("typesByName")
    void takesTheContentTypeFromTheFileName(String name, String type) {
        assertThat(FolderImageStorageAdapter.contentType(name)).isEqualTo(type);
    }

    static Stream<Arguments> typesByName() {
        return Stream.of(Arguments.of("a.jpg", "image/jpeg"), Arguments.of("A.JPEG", "image/jpeg"),
                Arguments.of("b.PNG", "image/png"), Arguments.of("c.bmp", "image/bmp"),
                Arguments.of("notes.txt", "text/plain"), Arguments.of("noextension", ""));
    }

    static Stream<Arguments> badKeys() {
        return Stream.of(
                Arguments.of("../sibling.jpg", ErrorCode.INVALID_REQUEST, "has a '..' path segment"),
                Arguments.of("garden/../../sibling.jpg", ErrorCode.INVALID_REQUEST, "has a '..' path segment"),
                Arguments.of("./garden/jay.jpg", ErrorCode.INVALID_REQUEST, "has a '.' path segment"),
                Arguments.of("garden//jay.jpg", ErrorCode.INVALID_REQUEST, "has a '' path segment"),
                Arguments.of("garden/", ErrorCode.INVALID_REQUEST, "has a '' path segment"),
                Arguments.of("/etc/passwd", ErrorCode.INVALID_REQUEST, "is an absolute path"),
                Arguments.of("..\\sibling.jpg", ErrorCode.INVALID_REQUEST, "contains a backslash"),
                Arguments.of("garden/jay.jpg\0.png", ErrorCode.INVALID_REQUEST, "contains a NUL character"),
                Arguments.of("leak.jpg", ErrorCode.IMAGE_NOT_FOUND, "link to a place outside the folder"),
                Arguments.of("elsewhere/secret.jpg", ErrorCode.IMAGE_NOT_FOUND, "link to a place outside the folder"),
                Arguments.of("garden", ErrorCode.IMAGE_NOT_FOUND, "it is a folder, not an image file"),
                Arguments.of("garden/owl.jpg", ErrorCode.IMAGE_NOT_FOUND, "no image at 'garden/owl.jpg'"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badKeys")
    void neverReadsOutsideTheFolder(String key, ErrorCode code, String message) {
        FolderImageStorageAdapter storage = new FolderImageStorageAdapter(root);

        assertThatThrownBy(() -> storage.fetch(ImageReference.of(key)))
                .isInstanceOfSatisfying(FieldmarkException.class, e -> {
                    assertThat(e.code()).isEqualTo(code);
                    assertThat(e.retryable()).isFalse();
                })
                .hasMessageContaining(message);
    }

    @Test
    void refusesABucketName() {
        assertThatThrownBy(() -> new FolderImageStorageAdapter(root).fetch(new ImageReference("feeder", "garden/jay.jpg")))
                .isInstanceOfSatisfying(FieldmarkException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_REQUEST))
                .hasMessageContaining("has no buckets");
    }

    @Test
    void refusesALimitBelowOneByte() {
        assertThatThrownBy(() -> new FolderImageStorageAdapter(root, 0))
                .isInstanceOf(ConfigurationInvalidException.class).hasMessageContaining("at least 1 byte, got 0");
    }

    @Nested
    class PassesTheStorageContract extends ImageStoragePortContract {

        @Override
        protected ImageStoragePort storage(long maxBytes) {
            return new FolderImageStorageAdapter(root, maxBytes);
        }

        @Override
        protected ImageReference put(String key, byte[] bytes, String contentType) {
            // A folder keeps no declared type: the name says it. Content stored as another type
            // gets that type's extension, so the store reports it just as an object store would.
            String named = FolderImageStorageAdapter.contentType(key).equals(contentType) ? key
                    : key + "." + extensionOf(contentType);
            Path file = root.resolve(named);
            try {
                Files.createDirectories(file.getParent());
                Files.write(file, bytes);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return ImageReference.of(named);
        }

        @Override
        protected ImageReference missing(String key) {
            return ImageReference.of(key);
        }

        private String extensionOf(String contentType) {
            return switch (contentType) {
                case "text/plain" -> "txt";
                default -> throw new IllegalArgumentException("no extension known for " + contentType);
            };
        }
    }
}
