package org.fieldmark.adapter.local.onnx;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class JpegIccProfileTest {

    private static final String SOI = "ffd8";
    private static final String APP0 = segment(0xE0, "JFIF\0" + "\1\1\0\0\1\0\1\0\0");
    private static final String ICC1 = segment(0xE2, "ICC_PROFILE\0" + "\1\2" + "profile part one");
    private static final String ICC2 = segment(0xE2, "ICC_PROFILE\0" + "\2\2" + "part two");
    private static final String FPXR = segment(0xE2, "FPXR\0" + "other APP2 data");
    private static final String DQT = segment(0xDB, "\0" + "q".repeat(64));
    /** Start of scan, then entropy-coded bytes that happen to look like an ICC segment, then EOI. */
    private static final String SCAN = segment(0xDA, "\1\1\0\0\77\0") + hex("\u00ff\u0000") + ICC1 + "ffd9";

    static Stream<Arguments> jpegs() {
        return Stream.of(
                Arguments.of("one profile segment", SOI + APP0 + ICC1 + DQT + SCAN, SOI + APP0 + DQT + SCAN),
                Arguments.of("a profile in two chunks", SOI + APP0 + ICC1 + ICC2 + DQT + SCAN, SOI + APP0 + DQT + SCAN),
                Arguments.of("chunks apart, other APP2 kept", SOI + ICC1 + FPXR + ICC2 + SCAN, SOI + FPXR + SCAN),
                Arguments.of("fill bytes before a marker", SOI + "ff" + ICC1 + DQT + SCAN, SOI + "ff" + DQT + SCAN),
                Arguments.of("no profile: the same bytes", SOI + APP0 + FPXR + DQT + SCAN, SOI + APP0 + FPXR + DQT + SCAN),
                Arguments.of("after the scan nothing is touched", SOI + DQT + SCAN, SOI + DQT + SCAN),
                Arguments.of("a length past the end: as it is", SOI + "ffe2ffff" + "00", SOI + "ffe2ffff" + "00"),
                Arguments.of("a length under 2: as it is", SOI + "ffe20001" + ICC1, SOI + "ffe20001" + ICC1),
                Arguments.of("not a JPEG: as it is", "89504e47" + ICC1, "89504e47" + ICC1));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("jpegs")
    void dropsOnlyTheIccProfileSegmentsOfTheHeader(String what, String jpeg, String expected) {
        byte[] bytes = HexFormat.of().parseHex(jpeg);

        byte[] stripped = JpegIccProfile.strip(bytes);

        assertThat(HexFormat.of().formatHex(stripped)).isEqualTo(expected);
        assertThat(JpegIccProfile.present(bytes)).isEqualTo(!jpeg.equals(expected));
        if (jpeg.equals(expected)) {
            assertThat(stripped).isSameAs(bytes);
        }
    }

    /** Marker, big-endian length (itself included) and payload, as hex. */
    private static String segment(int marker, String payload) {
        byte[] data = payload.getBytes(StandardCharsets.ISO_8859_1);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(0xFF);
        out.write(marker);
        out.write((data.length + 2) >> 8);
        out.write((data.length + 2) & 0xFF);
        out.writeBytes(data);
        return HexFormat.of().formatHex(out.toByteArray());
    }

    private static String hex(String latin1) {
        return HexFormat.of().formatHex(latin1.getBytes(StandardCharsets.ISO_8859_1));
    }
}
