package org.fieldmark.adapter.local.detect;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import javax.imageio.ImageIO;
import org.fieldmark.domain.region.Region;

/** Black photos with grey or white patches painted over cells of {@link TinyDetector}'s grid. */
final class Scenes {

    private Scenes() {
    }

    /** A black photo with each {@code cells[i]} painted grey level {@code levels[i]} (255 white). */
    static byte[] photo(int width, int height, String format, int[] cells, int[] levels) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_3BYTE_BGR);
        Graphics2D g = image.createGraphics();
        for (int i = 0; i < cells.length; i++) {
            Region cell = TinyDetector.cell(cells[i], width, height);
            g.setColor(new Color(levels[i], levels[i], levels[i]));
            g.fillRect(cell.x(), cell.y(), cell.width(), cell.height());
        }
        g.dispose();
        return encode(image, format);
    }

    /** A black photo with one cell painted {@code rgb}. */
    static byte[] colouredCell(int width, int height, String format, int cell, int rgb) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_3BYTE_BGR);
        Graphics2D g = image.createGraphics();
        Region c = TinyDetector.cell(cell, width, height);
        g.setColor(new Color(rgb));
        g.fillRect(c.x(), c.y(), c.width(), c.height());
        g.dispose();
        return encode(image, format);
    }

    /** A black photo with one white cell. */
    static byte[] whiteCell(int width, int height, String format, int cell) {
        return photo(width, height, format, new int[] {cell}, new int[] {255});
    }

    /** The cell's region widened by {@code tenths}/10 of its size on each side, clamped to the photo. */
    static Region widened(int cell, int width, int height, int tenths) {
        Region c = TinyDetector.cell(cell, width, height);
        int dx = c.width() * tenths / 10;
        int dy = c.height() * tenths / 10;
        int left = Math.max(0, c.x() - dx);
        int top = Math.max(0, c.y() - dy);
        int right = Math.min(width, c.x() + c.width() + dx);
        int bottom = Math.min(height, c.y() + c.height() + dy);
        return new Region(left, top, right - left, bottom - top, width, height);
    }

    static byte[] encode(BufferedImage image, String format) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            if (!ImageIO.write(image, format, out)) {
                throw new IllegalStateException("no " + format + " writer");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    static BufferedImage decode(byte[] bytes) {
        try {
            BufferedImage image = ImageIO.read(new ByteArrayInputStream(bytes));
            if (image == null) {
                throw new IllegalStateException("not an image ImageIO reads");
            }
            return image;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
