package org.fieldmark.adapter.aws.s3;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import org.fieldmark.domain.sighting.Sighting;

/**
 * The S3 layout of the bird log (dates are UTC):
 * <pre>
 * &lt;prefix&gt;sightings/2026/11/29/20261129T120000.123456789Z_&lt;id&gt;_&lt;n|q&gt;_&lt;species key&gt;.json
 * &lt;prefix&gt;ids/&lt;id&gt;.json          the key of the sighting with that id
 * &lt;prefix&gt;species/&lt;species key&gt;.json  the earliest sighting of that species
 * &lt;prefix&gt;thumbnails/&lt;id&gt;.jpg    the crop thumbnail of the sighting with that id
 * </pre>
 * A sighting's key carries its time, id, whether it was notified ({@code n}) or not ({@code q})
 * and its effective species key (empty when reviewed as not a bird), so the history questions
 * are answered from listings alone. Ids and species are percent-encoded (UTF-8), everything but
 * {@code A-Z a-z 0-9 . -}, so {@code _} separates the parts.
 */
final class SightingKeys {

    static final int MAX_KEY_BYTES = 1024;
    private static final DateTimeFormatter STAMP =
            DateTimeFormatter.ofPattern("uuuuMMdd'T'HHmmss.SSSSSSSSS'Z'").withZone(ZoneOffset.UTC);
    private static final int STAMP_LENGTH = 26;
    private static final Instant FIRST = Instant.parse("0000-01-01T00:00:00Z");
    private static final Instant LAST = Instant.parse("9999-12-31T23:59:59.999999999Z");

    private final String prefix;

    SightingKeys(String prefix) {
        this.prefix = prefix;
    }

    /** What a sighting's key says about it. */
    record Entry(String key, Instant time, String id, boolean notified, String speciesKey) {

        boolean isSpecies(String scientificName) {
            return speciesKey != null && speciesKey.equals(Sighting.key(scientificName));
        }
    }

    String sightingsRoot() {
        return prefix + "sightings/";
    }

    String dayPrefix(LocalDate day) {
        return String.format("%ssightings/%04d/%02d/%02d/", prefix, day.getYear(), day.getMonthValue(),
                day.getDayOfMonth());
    }

    String sightingKey(Sighting sighting) {
        Instant time = sighting.time();
        if (time.isBefore(FIRST) || time.isAfter(LAST)) {
            throw new IllegalArgumentException("sighting time " + time + " is outside what the S3 sightings store"
                    + " keeps (years 0000 to 9999)");
        }
        String key = dayPrefix(day(time)) + STAMP.format(time) + "_" + encode(sighting.id()) + "_"
                + (sighting.notified() ? "n" : "q") + "_" + (sighting.countsAsBird() ? encode(sighting.speciesKey()) : "")
                + ".json";
        if (key.getBytes(StandardCharsets.UTF_8).length > MAX_KEY_BYTES) {
            throw new IllegalArgumentException("sighting '" + sighting.id() + "' would need an S3 key longer than "
                    + MAX_KEY_BYTES + " bytes; its id or species name is too long");
        }
        return key;
    }

    /** The entry a listed key describes, empty for keys that are not sightings (left alone). */
    Optional<Entry> parse(String key) {
        int slash = key.lastIndexOf('/');
        String name = key.substring(slash + 1);
        if (!name.endsWith(".json") || name.length() < STAMP_LENGTH + 6 || name.charAt(STAMP_LENGTH) != '_') {
            return Optional.empty();
        }
        String[] parts = name.substring(STAMP_LENGTH + 1, name.length() - ".json".length()).split("_", -1);
        if (parts.length != 3 || !(parts[1].equals("n") || parts[1].equals("q")) || parts[0].isEmpty()) {
            return Optional.empty();
        }
        try {
            Instant time = Instant.from(STAMP.parse(name.substring(0, STAMP_LENGTH)));
            return Optional.of(new Entry(key, time, decode(parts[0]), parts[1].equals("n"),
                    parts[2].isEmpty() ? null : decode(parts[2])));
        } catch (DateTimeParseException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    String idKey(String id) {
        return prefix + "ids/" + encode(id) + ".json";
    }

    /** By id, like the id index: a review moves the sighting's key but not its thumbnail's. */
    String thumbnailKey(String id) {
        return prefix + "thumbnails/" + encode(id) + ".jpg";
    }

    String speciesKey(String scientificName) {
        return prefix + "species/" + encode(Sighting.key(scientificName)) + ".json";
    }

    static LocalDate day(Instant time) {
        return LocalDate.ofInstant(clamp(time), ZoneOffset.UTC);
    }

    /** Query bounds beyond the years keys can hold select the same sightings as the nearest year. */
    static Instant clamp(Instant time) {
        return time.isBefore(FIRST) ? FIRST : time.isAfter(LAST) ? LAST : time;
    }

    static String encode(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '-') {
                out.append((char) c);
            } else {
                out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
            }
        }
        return out.toString();
    }

    static String decode(String text) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '%') {
                if (i + 2 >= text.length()) {
                    throw new IllegalArgumentException("truncated escape in '" + text + "'");
                }
                int high = Character.digit(text.charAt(i + 1), 16);
                int low = Character.digit(text.charAt(i + 2), 16);
                if (high < 0 || low < 0) {
                    throw new IllegalArgumentException("bad escape in '" + text + "'");
                }
                out.write(high << 4 | low);
                i += 2;
            } else if (c < 0x80) {
                out.write(c);
            } else {
                throw new IllegalArgumentException("unencoded character in '" + text + "'");
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }
}
