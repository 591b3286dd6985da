package org.fieldmark.bootstrap.server;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * A camera's JPEG made in the test: a real photo with an APP1 {@code Exif} segment written in right
 * after its start-of-image marker, holding IFD0 with a pointer to an Exif IFD that has
 * DateTimeOriginal and, when given, OffsetTimeOriginal. Byte order as asked (cameras write both).
 */
final class ExifJpeg {

    private ExifJpeg() {
    }

    /** {@code jpeg} with DateTimeOriginal {@code dateTime} ("2019:05:04 07:30:15") and an optional offset. */
    static byte[] taken(byte[] jpeg, String dateTime, String offset, ByteOrder order) {
        byte[] tiff = tiff(dateTime, offset, order);
        ByteArrayOutputStream out = new ByteArrayOutputStream(jpeg.length + tiff.length + 16);
        out.write(jpeg, 0, 2); // SOI
        byte[] exif = "Exif\0\0".getBytes(StandardCharsets.ISO_8859_1);
        int length = 2 + exif.length + tiff.length;
        out.write(0xFF);
        out.write(0xE1);
        out.write(length >> 8);
        out.write(length & 0xFF);
        out.write(exif, 0, exif.length);
        out.write(tiff, 0, tiff.length);
        out.write(jpeg, 2, jpeg.length - 2);
        return out.toByteArray();
    }

    private static byte[] tiff(String dateTime, String offset, ByteOrder order) {
        byte[] date = (dateTime + "\0").getBytes(StandardCharsets.US_ASCII);
        byte[] zone = offset == null ? new byte[0] : (offset + "\0").getBytes(StandardCharsets.US_ASCII);
        int entries = offset == null ? 1 : 2;
        int exifIfd = 8 + 2 + 12 + 4;
        int data = exifIfd + 2 + 12 * entries + 4;
        ByteBuffer tiff = ByteBuffer.allocate(data + date.length + zone.length).order(order);
        tiff.put(order == ByteOrder.LITTLE_ENDIAN ? (byte) 'I' : (byte) 'M');
        tiff.put(order == ByteOrder.LITTLE_ENDIAN ? (byte) 'I' : (byte) 'M');
        tiff.putShort((short) 42).putInt(8);
        // IFD0: one entry, the Exif IFD pointer (LONG), then no next IFD.
        tiff.putShort((short) 1).putShort((short) 0x8769).putShort((short) 4).putInt(1).putInt(exifIfd).putInt(0);
        // Exif IFD: DateTimeOriginal and OffsetTimeOriginal (ASCII, their text after the IFD).
        tiff.putShort((short) entries);
        tiff.putShort((short) 0x9003).putShort((short) 2).putInt(date.length).putInt(data);
        if (offset != null) {
            tiff.putShort((short) 0x9011).putShort((short) 2).putInt(zone.length).putInt(data + date.length);
        }
        tiff.putInt(0);
        tiff.put(date).put(zone);
        return tiff.array();
    }
}
