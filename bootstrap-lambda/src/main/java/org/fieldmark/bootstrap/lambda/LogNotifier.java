package org.fieldmark.bootstrap.lambda;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.fieldmark.application.port.out.IdentificationResult;
import org.fieldmark.application.port.out.NotificationPort;
import org.fieldmark.domain.sighting.DailyDigest;

/** {@code NOTIFY=log}: the message goes to the function's log as a {@code notification.logged} line. */
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
        log.info("notification.logged", fields);
    }

    @Override
    public void publishDigest(DailyDigest digest) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("date", digest.date().toString());
        fields.put("message", digest.message());
        log.info("digest.logged", fields);
    }
}
