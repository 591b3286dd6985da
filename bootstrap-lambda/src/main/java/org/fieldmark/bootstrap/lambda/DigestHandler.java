package org.fieldmark.bootstrap.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.fieldmark.application.error.FieldmarkException;
import org.fieldmark.application.error.InvalidRequestException;
import org.fieldmark.application.port.in.DailyDigestUseCase;
import org.fieldmark.domain.sighting.DailyDigest;

/**
 * The function behind an EventBridge schedule: sends the digest of a local day (the zone of
 * {@code POLICY_TIME_ZONE}, UTC by default) from the S3 bird log through the configured notifier.
 * The day is the one the schedule fired on (the event's {@code time}, so that a retry after
 * midnight still sends the right day), or, for a manual run, {@code "date": "YYYY-MM-DD"} in the
 * event, or today by the clock when the event says neither. A failure (the log unreadable, SNS
 * refusing the message) fails the invocation, so that Lambda retries it and then hands it to the
 * on-failure destination; it is never swallowed.
 *
 * <p>Handler string: {@code org.fieldmark.bootstrap.lambda.DigestHandler::handleRequest}.
 */
public final class DigestHandler implements RequestHandler<Map<String, Object>, Map<String, Object>> {

    /** The event field that picks another day. */
    public static final String DATE = "date";

    private final DailyDigestUseCase digests;
    private final Clock clock;
    private final JsonLog log;

    /** Lambda's constructor, run once in the init phase. */
    public DigestHandler() {
        this(LambdaSetup.digestFromEnvironment());
    }

    private DigestHandler(LambdaSetup.Digest setup) {
        this(setup.useCase(), setup.clock(), setup.log());
    }

    /**
     * For tests and other wiring.
     *
     * @param clock its zone says which local day an instant falls on
     */
    public DigestHandler(DailyDigestUseCase digests, Clock clock, JsonLog log) {
        this.digests = Objects.requireNonNull(digests, "digests");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.log = Objects.requireNonNull(log, "log");
    }

    @Override
    public Map<String, Object> handleRequest(Map<String, Object> event, Context context) {
        log.requestId(context == null ? null : context.getAwsRequestId());
        try {
            DailyDigest digest = digests.publishDigest(day(event == null ? Map.of() : event));
            Map<String, Object> summary = new LinkedHashMap<>();
            summary.put("date", digest.date().toString());
            summary.put("timeZone", digest.zone().getId());
            summary.put("species", digest.species().size());
            summary.put("sightings", digest.sightings());
            log.info("digest.sent", summary);
            return summary;
        } catch (FieldmarkException e) {
            log.warn("digest.failed", JsonLog.fields("code", e.code().name(), "retryable", e.retryable(),
                    "error", e.getMessage(), "advice", advice(e)));
            throw e;
        }
    }

    private LocalDate day(Map<String, Object> event) {
        Object date = event.get(DATE);
        if (date != null) {
            return date(date);
        }
        if (event.get("time") instanceof String time) {
            try {
                return LocalDate.ofInstant(Instant.parse(time), clock.getZone());
            } catch (DateTimeParseException e) {
                throw new InvalidRequestException("the event's time is '" + time + "', which is not an instant such "
                        + "as 2026-11-29T20:00:00Z; EventBridge schedules send one", e);
            }
        }
        return LocalDate.now(clock);
    }

    private LocalDate date(Object value) {
        String hint = "; give the day as \"date\": \"YYYY-MM-DD\" (e.g. \"2026-11-29\"), or leave it out for today";
        if (!(value instanceof String text) || !text.strip().matches("\\d{4}-\\d{2}-\\d{2}")) {
            throw new InvalidRequestException("\"date\" is " + describe(value) + ", which is not a date" + hint);
        }
        LocalDate date;
        try {
            date = LocalDate.parse(text.strip());
        } catch (DateTimeParseException e) {
            throw new InvalidRequestException("\"date\" is '" + text + "', which is not a day of the calendar" + hint, e);
        }
        LocalDate today = LocalDate.now(clock);
        if (date.isAfter(today)) {
            throw new InvalidRequestException("\"date\" is '" + text + "', which is after today (" + today + " in "
                    + clock.getZone().getId() + "); nothing has been seen on it yet" + hint);
        }
        return date;
    }

    private static String describe(Object value) {
        // The runtime reads JSON into strings, numbers, booleans, lists and maps.
        if (value instanceof String text) {
            return "'" + text + "'";
        }
        if (value instanceof Number || value instanceof Boolean) {
            return "the " + (value instanceof Number ? "number " : "boolean ") + value;
        }
        return (value instanceof List ? "the list " : "the object ") + value;
    }

    /** What to do about a failed digest: the one mapping of errors at this entry point. */
    static String advice(FieldmarkException e) {
        return switch (e.code()) {
            case INVALID_REQUEST -> "fix the event's \"date\" (YYYY-MM-DD, not in the future); a retry fails the same way";
            case STORAGE_UNAVAILABLE -> e.retryable() ? "S3 was unavailable; Lambda's retry may succeed"
                    : "check SIGHTINGS_BUCKET and the function's s3:ListBucket and s3:GetObject permissions on the "
                    + "SIGHTINGS_PREFIX";
            case NOTIFICATION_FAILED -> e.retryable() ? "SNS throttled or failed; Lambda's retry may succeed"
                    : "check SNS_TOPIC_ARN and the function's sns:Publish permission";
            case CONFIGURATION_INVALID -> "fix the function's environment variables";
            // The digest reads the log and sends a message; it sees no photos, models or reviews.
            case IMAGE_NOT_FOUND, IMAGE_EMPTY, IMAGE_TOO_LARGE, UNSUPPORTED_IMAGE, INFERENCE_FAILED, INFERENCE_TIMEOUT,
                 INVALID_MODEL_OUTPUT, SIGHTING_NOT_FOUND -> "unexpected for a digest; see the error";
        };
    }
}
