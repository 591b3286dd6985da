package org.fieldmark.adapter.local.detect;

import java.nio.file.Path;
import org.fieldmark.adapter.local.detect.TinyDetector.Head;
import org.fieldmark.adapter.local.detect.TinyDetector.Input;
import org.fieldmark.domain.region.Region;

/**
 * The tiny ONNX detector for tests outside this package (the server's wiring test, through
 * adapter-local's test-jar): an ssd-layout model whose bird is a white patch over cell
 * {@value #BIRD_CELL} of a 4 x 4 grid, and photos with that patch.
 */
public final class TinyDetectors {

    /** The cell (row-major, 4 x 4) the bird of {@link #photoWithABird} is painted over. */
    public static final int BIRD_CELL = 10;

    private TinyDetectors() {
    }

    /** Writes the ssd-layout tiny detector (UINT8 NHWC input, COCO's bird class 16) into {@code directory}. */
    public static Path writeSsd(Path directory) {
        return TinyDetector.write(directory, Input.UINT8_NHWC, Head.SSD);
    }

    /** A {@code width} x {@code height} JPEG, black but for a white patch over {@link #BIRD_CELL}. */
    public static byte[] photoWithABird(int width, int height) {
        return Scenes.whiteCell(width, height, "jpeg", BIRD_CELL);
    }

    /** Where the detector finds that bird with the default margin (a tenth of the box on each side). */
    public static Region bird(int width, int height) {
        return Scenes.widened(BIRD_CELL, width, height, 1);
    }
}
