package org.fieldmark.adapter.log;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.fieldmark.application.error.NotificationFailedException;
import org.fieldmark.application.port.out.IdentificationResult;
import org.fieldmark.application.port.out.NotificationPort;
import org.fieldmark.domain.RankedPrediction;
import org.fieldmark.domain.sighting.DailyDigest;

/**
 * Notifies by writing the message to the log, one line per identification, at INFO through
 * {@link System.Logger}. {@link Format#JSON} (the default) logs a structured event (a map: event
 * {@code msg} first, then its fields) that the runtime's logging writes as one flat JSON object,
 * as it writes the services' events: the server as the line's message,
 *
 * <pre>{"event":"msg","key":"birds/card.jpg","message":"Bird [birds/card.jpg] is a: Northern Cardinal(0.94)","species":"Northern Cardinal","scientificName":null,"probability":0.94,"confident":true,"birdRecognised":true,"bucket":"feeder","modelId":"test-model"}</pre>
 *
 * <p>the Lambda with {@code "level"} and {@code "requestId"} in front. {@link Format#ORIGINAL}
 * writes exactly what the original workshop Lambda printed:
 * {@code msg: Bird [birds/card.jpg] is a: Northern Cardinal(0.94)}. It keeps nothing itself
 * (the application's recent identifications do). A line that cannot be written (the logger
 * throws), or a logger that does not log INFO at all, is a {@link NotificationFailedException}:
 * never dropped silently.
 */
public final class LogNotificationAdapter implements NotificationPort {

    /** How each line reads. */
    public enum Format {
        /** A JSON object with event {@code msg}, key, message, species, probability and more. */
        JSON,
        /** {@code msg: <message>}, as the original Lambda printed it. */
        ORIGINAL
    }

    /** The name of the logger notifications go to. */
    public static final String LOGGER_NAME = "org.fieldmark.notifications";

    private final Logger log;
    private final Format format;

    /**
     * @param log    where the lines go
     * @param format how they read
     */
    public LogNotificationAdapter(Logger log, Format format) {
        this.log = Objects.requireNonNull(log, "log");
        this.format = Objects.requireNonNull(format, "format");
    }

    @Override
    public void publish(IdentificationResult result) {
        Objects.requireNonNull(result, "result");
        Object line = switch (format) {
            case JSON -> fields(result);
            case ORIGINAL -> "msg: " + result.message();
        };
        write(line, "the message for '" + result.source().key() + "'");
    }

    /**
     * One line for the day's digest: in JSON the event {@code {"event":"digest","date":...,"timeZone":...,
     * "message":...,"species":3,"sightings":12}}, in the original format {@code msg: <message>}.
     */
    @Override
    public void publishDigest(DailyDigest digest) {
        Objects.requireNonNull(digest, "digest");
        Object line = switch (format) {
            case JSON -> {
                Map<String, Object> fields = new LinkedHashMap<>();
                fields.put("event", "digest");
                fields.put("date", digest.date().toString());
                fields.put("timeZone", digest.zone().getId());
                fields.put("message", digest.message());
                fields.put("species", digest.species().size());
                fields.put("sightings", digest.sightings());
                yield fields;
            }
            case ORIGINAL -> "msg: " + digest.message();
        };
        write(line, "the digest of " + digest.date());
    }

    private void write(Object line, String what) {
        boolean loggable;
        try {
            loggable = log.isLoggable(Level.INFO);
            if (loggable) {
                log.log(Level.INFO, line);
            }
        } catch (RuntimeException e) {
            throw new NotificationFailedException(what + " could not be written to the log (" + e + ")", true, e);
        }
        if (!loggable) {
            throw new NotificationFailedException(what + " was not written: logger '" + log.getName() + "' does not log INFO; lower its level to INFO"
                    + " or choose another notification channel", false);
        }
    }

    static Map<String, Object> fields(IdentificationResult result) {
        RankedPrediction top = result.identification().top();
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("event", "msg");
        fields.put("key", result.source().key());
        fields.put("message", result.message());
        fields.put("species", top.name());
        fields.put("scientificName", top.scientificName());
        fields.put("probability", top.probability());
        fields.put("confident", result.identification().confident());
        fields.put("birdRecognised", result.identification().birdRecognised());
        fields.put("bucket", result.source().bucket());
        fields.put("modelId", result.modelId());
        if (result.sighting() != null) {
            fields.put("sightingId", result.sighting().id());
            fields.put("reason", result.sighting().reason());
        }
        return fields;
    }

    @Override
    public String toString() {
        return "LogNotificationAdapter[" + log.getName() + ", " + format + "]";
    }
}
