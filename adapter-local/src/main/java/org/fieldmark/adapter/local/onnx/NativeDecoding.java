package org.fieldmark.adapter.local.onnx;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.Optional;

/**
 * Whether JPEGs are decoded natively ({@link NativeJpegDecoder}) in this process: tried once, on the
 * first JPEG (the start-up warm-up's, {@link PipelineWarmUp}), and logged once either way. Where the
 * natives are not packaged (the Lambda's jars), not built for the platform, or cannot be extracted
 * (JavaCPP unpacks them into {@code ~/.javacpp/cache}, else the temporary directory), ImageIO decodes
 * every photo, as before: slower, never wrong.
 */
final class NativeDecoding {

    private static final Logger LOG = System.getLogger(ImageDecoder.class.getName());

    private NativeDecoding() {
    }

    /** The decoder, or empty when this process decodes with ImageIO only. */
    static Optional<NativeJpegDecoder> decoder() {
        return Loaded.DECODER;
    }

    /** Loaded on first use: a class initialised once, by the JVM's own lock. */
    private static final class Loaded {
        static final Optional<NativeJpegDecoder> DECODER = load();
    }

    private static Optional<NativeJpegDecoder> load() {
        try {
            NativeJpegDecoder decoder = NativeJpegDecoder.load();
            LOG.log(Level.INFO, "JPEG photos are decoded with " + decoder.describe()
                    + ", reduced in the DCT domain to the size the model needs");
            return Optional.of(decoder);
        } catch (NoClassDefFoundError e) {
            LOG.log(Level.INFO, "JPEG photos are decoded with ImageIO: this build carries no native decoder ("
                    + e.getMessage() + " is not on the class path)");
        } catch (LinkageError | RuntimeException e) {
            LOG.log(Level.WARNING, "JPEG photos are decoded with ImageIO (slower): the native decoder cannot be"
                    + " loaded here ("
                    + e + "); if the home directory is read-only, give JavaCPP a writable cache with"
                    + " -Dorg.bytedeco.javacpp.cachedir=DIR");
        }
        return Optional.empty();
    }
}
