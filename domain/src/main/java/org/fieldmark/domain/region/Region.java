package org.fieldmark.domain.region;

/**
 * A box in a photo, in the photo's own pixels: the part of the photo an identification is about.
 * The whole frame is a region too ({@link #wholeFrame(int, int)}), which is what every photo was
 * before birds were located. Normalised coordinates (0..1 of the photo's width and height) are
 * derived, so a box drawn on a thumbnail of any size lands in the same place.
 *
 * @param x           left edge, pixels from the photo's left (0-based)
 * @param y           top edge, pixels from the photo's top (0-based)
 * @param width       the box's width in pixels, at least 1
 * @param height      the box's height in pixels, at least 1
 * @param imageWidth  the photo's width in pixels
 * @param imageHeight the photo's height in pixels
 */
public record Region(int x, int y, int width, int height, int imageWidth, int imageHeight) {

    public Region {
        if (imageWidth < 1 || imageHeight < 1) {
            throw new IllegalArgumentException("a photo has at least one pixel, got " + imageWidth + "x" + imageHeight);
        }
        if (width < 1 || height < 1) {
            throw new IllegalArgumentException("a region has at least one pixel, got " + width + "x" + height);
        }
        if (x < 0 || y < 0 || (long) x + width > imageWidth || (long) y + height > imageHeight) {
            throw new IllegalArgumentException("region " + width + "x" + height + " at (" + x + "," + y
                    + ") does not fit in a " + imageWidth + "x" + imageHeight + " photo");
        }
    }

    /** The whole photo. */
    public static Region wholeFrame(int imageWidth, int imageHeight) {
        return new Region(0, 0, imageWidth, imageHeight, imageWidth, imageHeight);
    }

    /** {@code true} when the region is the whole photo. */
    public boolean isWholeFrame() {
        return x == 0 && y == 0 && width == imageWidth && height == imageHeight;
    }

    /** Left edge as a fraction of the photo's width. */
    public double left() {
        return (double) x / imageWidth;
    }

    /** Top edge as a fraction of the photo's height. */
    public double top() {
        return (double) y / imageHeight;
    }

    /** Width as a fraction of the photo's width. */
    public double relativeWidth() {
        return (double) width / imageWidth;
    }

    /** Height as a fraction of the photo's height. */
    public double relativeHeight() {
        return (double) height / imageHeight;
    }

    /** The share of the photo's area the region covers, 0 (exclusive) to 1. */
    public double areaFraction() {
        return relativeWidth() * relativeHeight();
    }

    /** Intersection over union with another region of the same photo: 0 apart, 1 the same box. */
    public double intersectionOverUnion(Region other) {
        int left = Math.max(x, other.x);
        int top = Math.max(y, other.y);
        int right = Math.min(x + width, other.x + other.width);
        int bottom = Math.min(y + height, other.y + other.height);
        if (right <= left || bottom <= top) {
            return 0.0;
        }
        double intersection = (double) (right - left) * (bottom - top);
        double union = (double) width * height + (double) other.width * other.height - intersection;
        return intersection / union;
    }
}
