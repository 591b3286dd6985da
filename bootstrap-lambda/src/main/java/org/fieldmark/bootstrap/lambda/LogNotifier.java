package org.fieldmark.bootstrap.lambda;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.fieldmark.application.error.NotificationFailedException;
import org.fieldmark.application.port.out.IdentificationResult;
import org.fieldmark.application.port.out.NotificationPort;
import org.fieldmark.domain.sighting.DailyDigest;

/**
 * {@code NOTIFY=log}: the message goes to the function's log as a {@code notification.logged}
 * line, a digest as a {@code digest.logged} line. A line the output refused is a
 * {@link NotificationFailedException}, not a silent loss.
 */
final class LogNotifier implements NotificationPort {

    private final JsonLog log;

    LogNotifier(JsonLog log) {
        this.log = Objects.requireNonNull(log, "log");
    }

    @Override
    public void publish(IdentificationResult result) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("bucket", result.source().bucket());
        fields.put("key", result.source().key());
        fields.put("message", result.message());
        if (result.sighting() != null) {
            fields.put("sightingId", result.sighting().id());
            fields.put("reason", result.sighting().reason());
        }
        written(log.infoWritten("notification.logged", fields), "the message about '" + result.source().key() + "'");
    }

    private static void written(boolean written, String what) {
        if (!written) {
            throw new NotificationFailedException(what + " could not be written to the function's log (its output "
                    + "stream failed)", true);
        }
    }

    @Override
    public void publishDigest(DailyDigest digest) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("date", digest.date().toString());
        fields.put("message", digest.message());
        written(log.infoWritten("digest.logged", fields), "the digest of " + digest.date());
    }
}
