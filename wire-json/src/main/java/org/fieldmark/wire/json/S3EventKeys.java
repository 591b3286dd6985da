package org.fieldmark.wire.json;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

/**
 * The object keys of S3 event notifications (the JSON S3 and MinIO send, whether it reaches the
 * Lambda as an event, an SQS body or through the server's event endpoint) are URL-encoded as HTML
 * forms are: {@code +} is a space and {@code %XX} are UTF-8 bytes. The original workshop Lambda
 * decoded them with {@code urllib.parse.unquote_plus}; every entry point that reads S3 events
 * decodes here, and turns the refusal into its own invalid-request error. Each also takes the
 * object's upload version here, so every runtime tells two uploads of a key apart the same way.
 */
public final class S3EventKeys {

    private S3EventKeys() {
    }

    /**
     * Decodes an event's object key.
     *
     * @throws IllegalArgumentException when the key is blank or has a malformed {@code %} escape;
     *                                  its message names the key and says what is wrong
     */
    public static String decode(String encodedKey) {
        if (encodedKey == null || encodedKey.isBlank()) {
            throw new IllegalArgumentException("S3 event record has no object key");
        }
        String key;
        try {
            key = URLDecoder.decode(encodedKey, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("S3 event record's object key '" + encodedKey
                    + "' has a malformed %-escape: " + e.getMessage(), e);
        }
        if (key.isBlank()) {
            throw new IllegalArgumentException("S3 event record's object key '" + encodedKey + "' is blank once decoded");
        }
        return key;
    }

    /**
     * What tells two uploads of a key apart: the version id when the bucket is versioned, else
     * the ETag. Unversioned buckets send no version id, or (some S3 stand-ins) the text
     * {@code null}.
     *
     * @return the version id, else {@code eTag} as given (possibly {@code null})
     */
    public static String uploadVersion(String versionId, String eTag) {
        return versionId != null && !versionId.isBlank() && !versionId.equals("null") ? versionId : eTag;
    }
}
