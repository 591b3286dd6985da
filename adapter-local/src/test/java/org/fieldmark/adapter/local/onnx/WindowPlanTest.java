package org.fieldmark.adapter.local.onnx;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class WindowPlanTest {

    @ParameterizedTest(name = "{0}x{1}, scales {2}, budget {3}: {4} windows")
    @CsvSource(delimiter = ';', value = {
            "1280; 720; 0.6; 10; 8",
            "1280; 720; 0.6 0.35; 10; 10",
            "1280; 720; 0.6 0.35; 40; 36",
            "512; 384; 0.6; 10; 6",
            "6000; 300; 0.6; 10; 10",
            "20000; 100; 0.6; 10; 10",
            "100; 100; 1.0; 10; 1",
            "1; 1; 0.6; 10; 1",
            "1280; 720; 0.6; 0; 0",
            "1280; 720; 0.6 0.35 0.2; 15; 15",
            "1280; 720; 0.2 0.6; 12; 12",
            "6000; 300; 0.9 0.5; 30; 30"})
    void laysOverlappingSquaresInsideThePhotoWithinTheBudget(int width, int height, String scales, int budget,
                                                             int expected) {
        List<Double> sizes = java.util.Arrays.stream(scales.split(" ")).map(Double::parseDouble).toList();

        List<WindowPlan.Box> boxes = WindowPlan.coarse(width, height, sizes, budget);

        assertThat(boxes).hasSize(expected).doesNotHaveDuplicates().allSatisfy(box -> {
            assertThat(box.x()).isNotNegative();
            assertThat(box.y()).isNotNegative();
            assertThat(box.x() + box.width()).isLessThanOrEqualTo(width);
            assertThat(box.y() + box.height()).isLessThanOrEqualTo(height);
        });
    }

    @ParameterizedTest(name = "refining {0},{1} {2}x{2}")
    @CsvSource({"0, 0, 432, 281", "848, 288, 432, 281", "10, 20, 30, 20"})
    void refinesWithFiveSmallerWindowsInsideTheBestOne(int x, int y, int side, int refinedSide) {
        WindowPlan.Box best = new WindowPlan.Box(x, y, side, side);

        List<WindowPlan.Box> boxes = WindowPlan.refine(best);

        assertThat(boxes).hasSize(WindowPlan.REFINE_WINDOWS).doesNotHaveDuplicates().allSatisfy(box -> {
            assertThat(box.width()).isEqualTo(refinedSide);
            assertThat(box.x()).isBetween(x, x + side - box.width());
            assertThat(box.y()).isBetween(y, y + side - box.height());
        });
    }
}
