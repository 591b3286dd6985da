package org.fieldmark.adapter.local.onnx;

import static org.bytedeco.opencv.global.opencv_core.CV_8UC1;
import static org.bytedeco.opencv.global.opencv_core.CV_8UC3;
import static org.bytedeco.opencv.global.opencv_imgcodecs.IMREAD_COLOR;
import static org.bytedeco.opencv.global.opencv_imgcodecs.IMREAD_COLOR_RGB;
import static org.bytedeco.opencv.global.opencv_imgcodecs.IMREAD_IGNORE_ORIENTATION;
import static org.bytedeco.opencv.global.opencv_imgcodecs.IMREAD_REDUCED_COLOR_2;
import static org.bytedeco.opencv.global.opencv_imgcodecs.IMREAD_REDUCED_COLOR_4;
import static org.bytedeco.opencv.global.opencv_imgcodecs.IMREAD_REDUCED_COLOR_8;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_AREA;

import java.nio.ByteBuffer;
import java.util.Optional;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.Loader;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.opencv.global.opencv_core;
import org.bytedeco.opencv.global.opencv_imgcodecs;
import org.bytedeco.opencv.global.opencv_imgproc;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Size;

/**
 * JPEG decoding with OpenCV's {@code imdecode} (libjpeg-turbo inside), at 1/2, 1/4 or 1/8 scale in
 * the DCT domain when asked: a 4000x3000 photo becomes 500x375 before any full-size pixel exists,
 * as Pillow's {@code draft()} and OpenCV's {@code IMREAD_REDUCED_*} do for Python; and
 * {@link AreaResize}'s box filter as OpenCV's INTER_AREA. {@link ImageDecoder} hands it only JPEGs
 * already walked complete ({@code JpegStructure}), so a cut photo never reaches libjpeg-turbo, which
 * would pad it with grey. Every native buffer of a call is freed when the call returns
 * ({@link PointerScope}).
 *
 * <p>Loading this class loads the natives; without them on the class path (the Lambda's jar) or for
 * another platform it fails with a {@link LinkageError}, and {@link ImageDecoder} keeps to ImageIO.
 */
final class NativeJpegDecoder {

    /** Orientation as stored (ImageIO and PIL ignore EXIF orientation too), samples as RGB. */
    private static final int FLAGS = IMREAD_IGNORE_ORIENTATION | IMREAD_COLOR_RGB;

    private NativeJpegDecoder() {
    }

    /**
     * Loads OpenCV's core, imgproc and imgcodecs natives (imgcodecs links the other two) (extracting them to JavaCPP's cache the first
     * time) and keeps OpenCV on the calling thread: a photo's CPU time stays on the thread that
     * asked, and a server's workers are the parallelism.
     *
     * @throws LinkageError when the natives are missing or cannot be loaded here
     */
    static NativeJpegDecoder load() {
        Loader.load(opencv_imgcodecs.class);
        Loader.load(opencv_imgproc.class);
        opencv_core.setNumThreads(0);
        return new NativeJpegDecoder();
    }

    /** What is decoding: for the log line at start-up. */
    String describe() {
        return "OpenCV " + opencv_core.CV_VERSION() + " imdecode (libjpeg-turbo)";
    }

    /** Decodes at 1/{@code reduction} scale (1, 2, 4 or 8); empty when OpenCV cannot decode the bytes. */
    Optional<RgbImage> decode(byte[] jpeg, int reduction) {
        try (PointerScope scope = new PointerScope()) {
            Mat image = imdecode(jpeg, reduction);
            if (image.empty() || image.type() != CV_8UC3 || !image.isContinuous()) {
                return Optional.empty();
            }
            int width = image.cols();
            int height = image.rows();
            byte[] rgb = new byte[width * height * 3];
            image.data().get(rgb);
            return Optional.of(new RgbImage(width, height, rgb));
        }
    }

    /**
     * {@link AreaResize}'s box filter done by OpenCV (INTER_AREA: each output pixel the average of
     * the source area it covers, partly covered pixels by the covered fraction), written straight
     * into {@code target} (a direct buffer) from its position, which is left unchanged.
     */
    void resize(RgbImage source, int outWidth, int outHeight, ByteBuffer target) {
        try (PointerScope scope = new PointerScope()) {
            Mat from = new Mat(source.height(), source.width(), CV_8UC3, new BytePointer(source.rgb()));
            BytePointer pixels = new BytePointer(target.slice());
            Mat into = new Mat(outHeight, outWidth, CV_8UC3, pixels);
            opencv_imgproc.resize(from, into, new Size(outWidth, outHeight), 0, 0, INTER_AREA);
            if (into.data().address() != pixels.address()) {
                // OpenCV reallocates a destination only of another size or type: not the case here.
                throw new IllegalStateException("OpenCV resized into its own buffer instead of the target");
            }
        }
    }

    private static Mat imdecode(byte[] jpeg, int reduction) {
        BytePointer bytes = new BytePointer(jpeg);
        Mat encoded = new Mat(1, jpeg.length, CV_8UC1, bytes);
        return opencv_imgcodecs.imdecode(encoded, FLAGS | switch (reduction) {
            case 1 -> IMREAD_COLOR;
            case 2 -> IMREAD_REDUCED_COLOR_2;
            case 4 -> IMREAD_REDUCED_COLOR_4;
            case 8 -> IMREAD_REDUCED_COLOR_8;
            default -> throw new IllegalArgumentException("reduction must be 1, 2, 4 or 8, got " + reduction);
        });
    }
}
