package org.fieldmark.adapter.local.onnx;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.fieldmark.domain.ImageFormat;
import org.junit.jupiter.api.Test;

class PipelineWarmUpTest {

    private static final List<byte[]> IMAGES = PipelineWarmUp.images();

    @Test
    void makesAJpegAPngAndABmp() {
        assertThat(IMAGES.stream().map(bytes -> ImageFormat.sniff(bytes).orElseThrow()).distinct())
                .containsExactlyInAnyOrder(ImageFormat.JPEG, ImageFormat.PNG, ImageFormat.BMP);
    }

    @Test
    void oneJpegCarriesAnIccProfileAsManyCameraAndEditorPhotosDo() {
        assertThat(IMAGES.stream().filter(JpegIccProfile::present)).hasSize(1);
    }

    @Test
    void oneImageIsLargeEnoughToBeDecodedSubsampledForTheBundledModel() {
        int margin = EmbeddedOnnxInferenceAdapter.DECODE_MARGIN * 224;
        assertThat(IMAGES.stream().map(bytes -> ImageDecoder.decodeSized(bytes, margin, margin))
                .filter(sized -> sized.pixels().width() < sized.sourceWidth()))
                .hasSize(1);
    }

    @Test
    void runsThePipelineOnEveryImageEachRound() {
        List<Integer> sizes = new ArrayList<>();

        PipelineWarmUp.run(bytes -> sizes.add(bytes.length));

        assertThat(sizes).hasSize(PipelineWarmUp.ROUNDS * IMAGES.size());
        assertThat(sizes.subList(0, IMAGES.size())).containsExactlyElementsOf(IMAGES.stream().map(b -> b.length).toList());
    }
}
