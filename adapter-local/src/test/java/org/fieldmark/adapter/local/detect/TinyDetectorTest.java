package org.fieldmark.adapter.local.detect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import java.nio.FloatBuffer;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The generated test detector is what its Javadoc says, straight through ONNX Runtime. */
class TinyDetectorTest {

    @ParameterizedTest
    @EnumSource(TinyDetector.Head.class)
    void writesTheSameBytesEveryTime(TinyDetector.Head head) {
        assertThat(TinyDetector.model(TinyDetector.Input.UINT8_NHWC, head))
                .isEqualTo(TinyDetector.model(TinyDetector.Input.UINT8_NHWC, head));
    }

    @Test
    void scoresEachCellByItsBrightnessAndItsDuplicateByNineTenthsOfThat() throws Exception {
        OrtEnvironment environment = OrtEnvironment.getEnvironment();
        int size = TinyDetector.SIZE;
        float[] image = new float[3 * size * size];
        // Cell 6 (row 1, column 2) white in all three planes, cell 9 half grey in the red plane only.
        for (int y = 16; y < 32; y++) {
            for (int x = 32; x < 48; x++) {
                for (int c = 0; c < 3; c++) {
                    image[c * size * size + y * size + x] = 1f;
                }
            }
        }
        for (int y = 32; y < 48; y++) {
            for (int x = 16; x < 32; x++) {
                image[y * size + x] = 0.5f;
            }
        }
        try (OrtSession session = environment.createSession(
                TinyDetector.model(TinyDetector.Input.FLOAT_NCHW, TinyDetector.Head.SSD), new OrtSession.SessionOptions());
             OnnxTensor input = OnnxTensor.createTensor(environment, FloatBuffer.wrap(image), new long[] {1, 3, size, size});
             OrtSession.Result result = session.run(Map.of("images", input))) {
            float[][] scores = (float[][]) result.get(DetectorLayout.Ssd.SCORES).orElseThrow().getValue();
            float[][][] boxes = (float[][][]) result.get(DetectorLayout.Ssd.BOXES).orElseThrow().getValue();
            float[][] classes = (float[][]) result.get(DetectorLayout.Ssd.CLASSES).orElseThrow().getValue();

            float[] expected = new float[TinyDetector.BOXES];
            expected[6] = 1f;
            expected[9] = 0.5f / 3;
            expected[TinyDetector.CELLS + 6] = 0.9f;
            expected[TinyDetector.CELLS + 9] = 0.9f * 0.5f / 3;
            for (int b = 0; b < TinyDetector.BOXES; b++) {
                assertThat(scores[0][b]).as("score of box %d", b).isCloseTo(expected[b], within(1e-5f));
            }
            assertThat(boxes[0][6]).containsExactly(0.25f, 0.5f, 0.5f, 0.75f);
            assertThat(boxes[0][TinyDetector.CELLS + 6]).containsExactly(0.265625f, 0.515625f, 0.484375f, 0.734375f);
            assertThat(classes[0][TinyDetector.NON_BIRD_CELL]).isEqualTo(TinyDetector.SSD_PERSON);
            assertThat(Arrays.copyOf(classes[0], 4)).containsOnly((float) TinyDetector.SSD_BIRD);
        }
    }
}
