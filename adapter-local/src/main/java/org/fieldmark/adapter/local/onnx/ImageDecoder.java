package org.fieldmark.adapter.local.onnx;

import java.awt.color.ColorSpace;
import java.awt.color.ICC_ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.ComponentColorModel;
import java.awt.image.DataBufferByte;
import java.awt.image.PixelInterleavedSampleModel;
import java.awt.image.Raster;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import javax.imageio.IIOException;
import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;
import org.fieldmark.adapter.local.image.JpegStructure;
import org.fieldmark.application.error.UnsupportedImageException;
import org.fieldmark.domain.ImageFormat;

/**
 * Decodes JPEG, PNG and BMP bytes into RGB pixels no smaller than needed: the smallest image still
 * at least {@code minWidth} by {@code minHeight}, so that the area-averaging resize has far fewer
 * pixels to read, and the pixels it drops are ones a 224-pixel picture could not show anyway.
 *
 * <p>A complete, plain JPEG (8-bit Huffman-coded grey or colour, walked to its end-of-image marker by
 * {@link JpegStructure}, within {@link #MAX_PIXELS}) is decoded natively when this process has the
 * natives ({@link NativeDecoding}): libjpeg-turbo at 1/2, 1/4 or 1/8 scale in the DCT domain, the
 * largest reduction that keeps both sides at or above the minimum. Everything else - PNG, BMP, a cut
 * or odd JPEG, every photo where the natives are missing - goes through ImageIO with source
 * subsampling (the middle pixel of each step x step block), whose answers, errors included, are the
 * same as before the native path existed.
 */
public final class ImageDecoder {

    /** Decoding anything larger would take gigabytes; no camera photo comes close. */
    static final long MAX_PIXELS = 200_000_000L;

    /** Which decoders a call may use: the native one when loaded (production), or ImageIO only (tests). */
    enum Decoders {
        NATIVE_WHEN_LOADED,
        IMAGE_IO_ONLY
    }

    private ImageDecoder() {
    }

    /**
     * Decodes {@code bytes}, reduced as far as possible while keeping at least
     * {@code minWidth} x {@code minHeight} pixels (smaller images are decoded whole).
     *
     * @throws UnsupportedImageException when the bytes are not a complete JPEG, PNG or BMP image
     */
    public static RgbImage decode(byte[] bytes, int minWidth, int minHeight) {
        return decodeSized(bytes, minWidth, minHeight, Decoders.NATIVE_WHEN_LOADED).pixels();
    }

    /**
     * As {@link #decode}, and the photo's own size: a locator places its windows in the decoded
     * pixels and reports them in the photo's.
     */
    static SizedImage decodeSized(byte[] bytes, int minWidth, int minHeight) {
        return decodeSized(bytes, minWidth, minHeight, Decoders.NATIVE_WHEN_LOADED);
    }

    static SizedImage decodeSized(byte[] bytes, int minWidth, int minHeight, Decoders decoders) {
        return decodeSized(bytes, minWidth, minHeight, minWidth, minHeight, decoders);
    }

    /**
     * As {@link #decodeSized(byte[], int, int)}, with a smaller minimum for the native path: its
     * DCT-scaled decode already averages each reduced block (a proper low-pass, as Pillow's
     * {@code draft()} and OpenCV's {@code IMREAD_REDUCED_*} do), while ImageIO's subsampling keeps one
     * pixel per step and needs the margin of {@code minWidth x minHeight} against aliasing.
     */
    static SizedImage decodeSized(byte[] bytes, int nativeMinWidth, int nativeMinHeight, int minWidth,
                                  int minHeight, Decoders decoders) {
        Optional<Native> jpeg = nativeJpeg(bytes, nativeMinWidth, nativeMinHeight, decoders);
        if (jpeg.isPresent()) {
            Optional<RgbImage> pixels = jpeg.get().decoder().decode(bytes, jpeg.get().reduction());
            if (pixels.isPresent()) {
                return new SizedImage(pixels.get(), jpeg.get().frame().width(), jpeg.get().frame().height());
            }
        }
        Decoded decoded = decodeImage(bytes, minWidth, minHeight);
        return new SizedImage(toRgb(decoded.image()), decoded.sourceWidth(), decoded.sourceHeight());
    }

    /** A JPEG the native decoder takes: the decoder, its frame header and the reduction that fits. */
    private record Native(NativeJpegDecoder decoder, JpegStructure.Frame frame, int reduction) {
    }

    private static Optional<Native> nativeJpeg(byte[] bytes, int minWidth, int minHeight, Decoders decoders) {
        if (decoders != Decoders.NATIVE_WHEN_LOADED || bytes.length < 4 || (bytes[0] & 0xFF) != 0xFF
                || (bytes[1] & 0xFF) != 0xD8) {
            return Optional.empty();
        }
        Optional<NativeJpegDecoder> decoder = NativeDecoding.decoder();
        if (decoder.isEmpty()) {
            return Optional.empty();
        }
        Optional<JpegStructure.Frame> frame = JpegStructure.firstPicture(bytes).flatMap(JpegStructure.Picture::frame)
                .filter(JpegStructure.Frame::plain)
                .filter(f -> (long) f.width() * f.height() <= MAX_PIXELS);
        return frame.map(f -> new Native(decoder.get(), f, reduction(f.width(), f.height(), minWidth, minHeight)));
    }

    /** The largest of 8, 4, 2 that keeps both sides (libjpeg rounds up) at or above the minimum; else 1. */
    static int reduction(int width, int height, int minWidth, int minHeight) {
        for (int reduction = 8; reduction > 1; reduction /= 2) {
            if ((width + reduction - 1) / reduction >= minWidth && (height + reduction - 1) / reduction >= minHeight) {
                return reduction;
            }
        }
        return 1;
    }

    /** Decoded pixels (perhaps reduced) and the size of the photo they came from. */
    record SizedImage(RgbImage pixels, int sourceWidth, int sourceHeight) {
    }

    private record Decoded(BufferedImage image, int sourceWidth, int sourceHeight) {
    }

    private static Decoded decodeImage(byte[] bytes, int minWidth, int minHeight) {
        ImageFormat format = ImageFormat.sniff(bytes).orElseThrow(() -> new UnsupportedImageException(
                "unsupported image: the bytes are not a JPEG, PNG or BMP image (they start with "
                        + ImageFormat.describeStart(bytes) + ")"));
        ImageReader reader = readerFor(format);
        List<String> truncation = new ArrayList<>(1);
        // The samples are kept as stored: a JPEG's ICC profile would change no pixel, only cost time.
        byte[] stored = format == ImageFormat.JPEG ? JpegIccProfile.strip(bytes) : bytes;
        try (ImageInputStream input = new MemoryCacheImageInputStream(new ByteArrayInputStream(stored))) {
            // Not seek-forward-only: reading again from the start must stay possible (see read below).
            reader.setInput(input, false, true);
            reader.addIIOReadWarningListener((source, warning) -> {
                // libjpeg pads a truncated JPEG with grey and only warns; a half photo is not a photo.
                String lower = warning.toLowerCase(Locale.ROOT);
                if (lower.contains("truncated") || lower.contains("premature end")) {
                    truncation.add(warning);
                }
            });
            int width = reader.getWidth(0);
            int height = reader.getHeight(0);
            if (width < 1 || height < 1 || (long) width * height > MAX_PIXELS) {
                throw new UnsupportedImageException("unsupported image: the " + format + " image is " + width
                        + "x" + height + " pixels; at most " + MAX_PIXELS / 1_000_000 + " megapixels are accepted");
            }
            int step = Math.max(1, Math.min(width / Math.max(1, minWidth), height / Math.max(1, minHeight)));
            ImageReadParam param = reader.getDefaultReadParam();
            if (step > 1) {
                // Take the middle pixel of each step x step block, not its corner.
                int offset = (step - 1) / 2;
                param.setSourceSubsampling(step, step, offset, offset);
            }
            BufferedImage image = read(reader, param);
            if (!truncation.isEmpty()) {
                throw new UnsupportedImageException("unsupported image: the " + format
                        + " image is incomplete (" + truncation.get(0) + "); upload the whole file again");
            }
            return new Decoded(image, width, height);
        } catch (IOException | RuntimeException e) {
            if (e instanceof UnsupportedImageException unsupported) {
                throw unsupported;
            }
            throw new UnsupportedImageException("unsupported image: the " + format + " image cannot be decoded ("
                    + describe(e) + "); send a complete JPEG, PNG or BMP file", e);
        } finally {
            reader.dispose();
        }
    }

    /**
     * Reads the image keeping its samples as stored when ImageIO offers that, else as ImageIO
     * converts them. For some embedded profiles ImageIO offers the as-stored type and then rejects
     * it ("Destination type from ImageReadParam does not match"): those are read the default way.
     */
    private static BufferedImage read(ImageReader reader, ImageReadParam param) throws IOException {
        Optional<ImageTypeSpecifier> stored = asStored(reader);
        if (stored.isPresent()) {
            param.setDestinationType(stored.get());
            try {
                return reader.read(0, param);
            } catch (IIOException e) {
                param.setDestinationType(null);
            }
        }
        return reader.read(0, param);
    }

    /**
     * The image type that keeps the samples as stored when the image carries an ICC profile of an
     * RGB space (JPEGs lose theirs before decoding, {@link JpegIccProfile}; this covers the other
     * formats). By default ImageIO converts such pixels through the profile to sRGB, which costs
     * about half the decoding time of a camera photo (measured: benchmarks/RESULTS.md) and gives
     * different pixels than the reference pipeline: PIL's {@code Image.open(...).convert('RGB')}
     * ignores embedded profiles, and nearly every camera and phone profile is sRGB or close to it.
     */
    private static Optional<ImageTypeSpecifier> asStored(ImageReader reader) throws IOException {
        Iterator<ImageTypeSpecifier> types = reader.getImageTypes(0);
        while (types.hasNext()) {
            ImageTypeSpecifier type = types.next();
            ColorModel colours = type.getColorModel();
            ColorSpace space = colours.getColorSpace();
            if (space instanceof ICC_ColorSpace && !space.isCS_sRGB() && space.getType() == ColorSpace.TYPE_RGB
                    && colours instanceof ComponentColorModel && colours.getNumComponents() == 3
                    && type.getSampleModel() instanceof PixelInterleavedSampleModel) {
                return Optional.of(type);
            }
        }
        return Optional.empty();
    }

    /** ImageIO's reader of {@code format}; {@code UnsupportedImageException} when this runtime has none. */
    public static ImageReader readerFor(ImageFormat format) {
        Iterator<ImageReader> readers = ImageIO.getImageReadersByFormatName(switch (format) {
            case JPEG -> "jpeg";
            case PNG -> "png";
            case BMP -> "bmp";
        });
        if (!readers.hasNext()) {
            throw new UnsupportedImageException("unsupported image: this Java runtime has no " + format + " decoder");
        }
        return readers.next();
    }

    /** Copies the pixels as RGB; alpha is dropped (as PIL's convert('RGB') does), grey is repeated. */
    static RgbImage toRgb(BufferedImage image) {
        int width = image.getWidth();
        int height = image.getHeight();
        byte[] rgb = new byte[width * height * 3];
        Raster raster = image.getRaster();
        ColorModel colours = image.getColorModel();
        int space = colours.getColorSpace().getType();
        boolean plain = colours instanceof ComponentColorModel
                && (space == ColorSpace.TYPE_RGB && colours.getNumColorComponents() == 3
                    || space == ColorSpace.TYPE_GRAY && colours.getNumColorComponents() == 1);
        if (plain && raster.getSampleModel() instanceof PixelInterleavedSampleModel model
                && raster.getDataBuffer() instanceof DataBufferByte data
                && data.getNumBanks() == 1
                && raster.getSampleModelTranslateX() == 0 && raster.getSampleModelTranslateY() == 0) {
            copyInterleaved(data.getData(), data.getOffset(), model, colours.getNumColorComponents(), width, height,
                    rgb);
        } else if (plain && space == ColorSpace.TYPE_GRAY) {
            // 16-bit grey: take the samples as stored; getRGB would treat them as linear light and brighten them.
            int shift = Math.max(0, colours.getComponentSize(0) - 8);
            int[] row = new int[width];
            int o = 0;
            for (int y = 0; y < height; y++) {
                raster.getSamples(0, y, width, 1, 0, row);
                for (int x = 0; x < width; x++) {
                    byte v = (byte) (row[x] >> shift);
                    rgb[o++] = v;
                    rgb[o++] = v;
                    rgb[o++] = v;
                }
            }
        } else {
            int[] row = new int[width];
            int o = 0;
            for (int y = 0; y < height; y++) {
                image.getRGB(0, y, width, 1, row, 0, width);
                for (int x = 0; x < width; x++) {
                    int argb = row[x];
                    rgb[o++] = (byte) (argb >> 16);
                    rgb[o++] = (byte) (argb >> 8);
                    rgb[o++] = (byte) argb;
                }
            }
        }
        return new RgbImage(width, height, rgb);
    }

    private static void copyInterleaved(byte[] data, int bufferOffset, PixelInterleavedSampleModel model,
                                        int colourComponents, int width, int height, byte[] rgb) {
        int[] bands = model.getBandOffsets();
        int pixelStride = model.getPixelStride();
        int scanline = model.getScanlineStride();
        boolean grey = colourComponents == 1;
        int r = bands[0];
        int g = grey ? bands[0] : bands[1];
        int b = grey ? bands[0] : bands[2];
        int o = 0;
        for (int y = 0; y < height; y++) {
            int p = bufferOffset + y * scanline;
            for (int x = 0; x < width; x++, p += pixelStride) {
                rgb[o++] = data[p + r];
                rgb[o++] = data[p + g];
                rgb[o++] = data[p + b];
            }
        }
    }

    private static String describe(Exception e) {
        String message = e.getMessage();
        return message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
    }
}
