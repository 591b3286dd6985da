package org.fieldmark.application.port.in;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import org.fieldmark.application.error.InvalidRequestException;

/**
 * S3 event notifications carry object keys URL-encoded as HTML forms are: {@code +} is a space
 * and {@code %XX} are UTF-8 bytes. The original workshop Lambda decoded them with
 * {@code urllib.parse.unquote_plus}; every entry point that reads S3 events decodes the same way.
 */
public final class S3EventKeys {

    private S3EventKeys() {
    }

    /**
     * Decodes an event's object key.
     *
     * @throws InvalidRequestException when the key is blank or has a malformed {@code %} escape
     */
    public static String decode(String encodedKey) {
        if (encodedKey == null || encodedKey.isBlank()) {
            throw new InvalidRequestException("S3 event record has no object key");
        }
        try {
            String key = URLDecoder.decode(encodedKey, StandardCharsets.UTF_8);
            if (key.isBlank()) {
                throw new InvalidRequestException("S3 event record's object key '" + encodedKey + "' is blank once decoded");
            }
            return key;
        } catch (IllegalArgumentException e) {
            throw new InvalidRequestException("S3 event record's object key '" + encodedKey
                    + "' has a malformed %-escape: " + e.getMessage(), e);
        }
    }
}
