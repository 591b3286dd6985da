package org.fieldmark.adapter.local.folder;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class CompletePhotosTest {

    private static final byte[] JPEG = PhotoBytes.jpeg(160, 120);
    private static final byte[] THUMBNAILED = PhotoBytes.jpegWithThumbnail(160, 120);
    private static final byte[] PROGRESSIVE = PhotoBytes.progressiveJpeg(160, 120);
    private static final byte[] PNG = PhotoBytes.png(160, 120);
    private static final byte[] BMP = PhotoBytes.bmp(61, 40);

    @TempDir
    Path temp;

    static Stream<Arguments> completePhotos() {
        return Stream.of(
                Arguments.of("baseline JPEG", JPEG),
                Arguments.of("progressive JPEG (several scans, tables between them)", PROGRESSIVE),
                Arguments.of("JPEG with a thumbnail in APP1", THUMBNAILED),
                Arguments.of("two JPEGs one after the other (Multi-Picture)", PhotoBytes.concat(JPEG, PROGRESSIVE)),
                Arguments.of("PNG", PNG),
                Arguments.of("BMP with padded rows", BMP));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("completePhotos")
    void provesACompletePhotoComplete(String what, byte[] photo) throws IOException {
        assertThat(CompletePhotos.proven(write(photo), photo.length)).isTrue();
    }

    static Stream<Arguments> incompleteOrUnprovable() {
        int sos = PhotoBytes.startOfScan(JPEG);
        byte[] preallocated = JPEG.clone();
        Arrays.fill(preallocated, preallocated.length * 3 / 4, preallocated.length, (byte) 0);
        byte[] bmpSizeZero = BMP.clone();
        Arrays.fill(bmpSizeZero, 2, 6, (byte) 0);
        byte[] pngIendAfterGarbage = PhotoBytes.concat(Arrays.copyOf(PNG, PNG.length - 12),
                PhotoBytes.concat(new byte[] {1, 2, 3}, Arrays.copyOfRange(PNG, PNG.length - 12, PNG.length)));
        return Stream.of(
                Arguments.of("empty file", new byte[0]),
                Arguments.of("zero-byte growth: preallocated to the photo's size, nothing written yet",
                        new byte[JPEG.length]),
                Arguments.of("JPEG preallocated, its last quarter still zeros", preallocated),
                Arguments.of("truncated JPEG: half", Arrays.copyOf(JPEG, JPEG.length / 2)),
                Arguments.of("truncated JPEG: the header only", Arrays.copyOf(JPEG, sos)),
                Arguments.of("truncated JPEG: just after the scan header", Arrays.copyOf(JPEG, sos + 14)),
                Arguments.of("truncated JPEG: no EOI", Arrays.copyOf(JPEG, JPEG.length - 2)),
                Arguments.of("truncated JPEG: half an EOI", Arrays.copyOf(JPEG, JPEG.length - 1)),
                Arguments.of("truncated JPEG: cut right after its thumbnail's EOI",
                        Arrays.copyOf(THUMBNAILED, PhotoBytes.thumbnailEnd(THUMBNAILED))),
                Arguments.of("truncated progressive JPEG: after its first scans",
                        Arrays.copyOf(PROGRESSIVE, PROGRESSIVE.length * 2 / 3)),
                Arguments.of("JPEG with garbage after EOI",
                        PhotoBytes.concat(JPEG, "trailing text".getBytes(StandardCharsets.US_ASCII))),
                Arguments.of("JPEG with zero padding after EOI", PhotoBytes.concat(JPEG, new byte[16])),
                Arguments.of("Multi-Picture JPEG cut inside its second picture",
                        Arrays.copyOf(PhotoBytes.concat(JPEG, JPEG), JPEG.length + 300)),
                Arguments.of("JPEG without any scan", new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF,
                        (byte) 0xFE, 0, 4, 'h', 'i', (byte) 0xFF, (byte) 0xD9}),
                Arguments.of("PNG without IEND", Arrays.copyOf(PNG, PNG.length - 12)),
                Arguments.of("PNG cut inside a chunk", Arrays.copyOf(PNG, PNG.length / 2)),
                Arguments.of("PNG with bytes after IEND", PhotoBytes.concat(PNG, new byte[] {0, 0})),
                Arguments.of("PNG whose IEND bytes follow a broken chunk", pngIendAfterGarbage),
                Arguments.of("PNG signature only", Arrays.copyOf(PNG, 8)),
                Arguments.of("BMP shorter than declared", Arrays.copyOf(BMP, BMP.length - 1)),
                Arguments.of("BMP header only", Arrays.copyOf(BMP, 54)),
                Arguments.of("BMP longer than declared", PhotoBytes.concat(BMP, new byte[4])),
                Arguments.of("BMP that declares no size", bmpSizeZero),
                Arguments.of("not a JPEG, PNG or BMP", "GIF89a and then some".getBytes(StandardCharsets.US_ASCII)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("incompleteOrUnprovable")
    void doesNotProveAPhotoThatIsCutOrCarriesMore(String what, byte[] bytes) throws IOException {
        assertThat(CompletePhotos.proven(write(bytes), bytes.length)).isFalse();
    }

    @Test
    void aFileThatGrewSinceItsSizeWasReadIsNotProven() throws IOException {
        // The size from the attributes and the bytes read must be the same file state.
        Path file = write(PhotoBytes.concat(JPEG, JPEG));
        assertThat(CompletePhotos.proven(file, JPEG.length)).isFalse();
    }

    @Test
    void aFileThatIsGoneIsNotProven() {
        assertThat(CompletePhotos.proven(temp.resolve("gone.jpg"), JPEG.length)).isFalse();
    }

    private Path write(byte[] bytes) throws IOException {
        return Files.write(temp.resolve("photo"), bytes);
    }
}
