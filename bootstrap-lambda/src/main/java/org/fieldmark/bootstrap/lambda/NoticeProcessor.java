package org.fieldmark.bootstrap.lambda;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Predicate;
import org.fieldmark.application.error.FieldmarkException;
import org.fieldmark.application.error.InvalidRequestException;
import org.fieldmark.application.port.in.EventOutcome;
import org.fieldmark.application.port.in.NewObjectEvent;
import org.fieldmark.application.port.in.NewObjectsCommand;
import org.fieldmark.application.port.in.NewObjectsUseCase;
import org.fieldmark.application.port.out.ImageReference;
import org.fieldmark.wire.json.S3EventKeys;

/**
 * What every handler does with the notices it read, whatever the source: skip what is not an
 * object creation or lies outside the key filter, hand the rest to the new-objects use case as
 * one batch of {@link NewObjectEvent}s (identified once per upload), and log each verdict in the
 * notices' order (a failure with its code, whether a retry may help, and what to do about it).
 */
final class NoticeProcessor {

    /** What became of one notice. */
    enum Kind { IDENTIFIED, IGNORED, ALREADY_DONE, IN_FLIGHT, FAILED }

    /**
     * @param what  {@code bucket/key}, or the notice's {@code where} when it names no usable object
     * @param kind  what became of it
     * @param error why it failed, for {@link Kind#FAILED}
     */
    record Verdict(String what, Kind kind, FieldmarkException error) {

        /** A later delivery may succeed: a retryable failure, or another delivery still holds the claim. */
        boolean retryable() {
            return kind == Kind.IN_FLIGHT || (kind == Kind.FAILED && error.retryable());
        }

        /** A failure that every later delivery meets again. */
        boolean permanentFailure() {
            return kind == Kind.FAILED && !error.retryable();
        }

        boolean failed() {
            return kind == Kind.FAILED || kind == Kind.IN_FLIGHT;
        }

        /** {@code feeder/birds/x.jpg (IMAGE_NOT_FOUND: no image at ...)}. */
        String describe() {
            if (kind == Kind.IN_FLIGHT) {
                return what + " (IN_FLIGHT, retryable: another delivery of this upload is being identified; a retry "
                        + "finds it done)";
            }
            return what + " (" + error.code() + (error.retryable() ? ", retryable" : "") + ": " + error.getMessage() + ")";
        }
    }

    private final NewObjectsUseCase useCase;
    private final Predicate<String> keyFilter;
    private final JsonLog log;

    NoticeProcessor(NewObjectsUseCase useCase, Predicate<String> keyFilter, JsonLog log) {
        this.useCase = Objects.requireNonNull(useCase, "useCase");
        this.keyFilter = Objects.requireNonNull(keyFilter, "keyFilter");
        this.log = Objects.requireNonNull(log, "log");
    }

    List<Verdict> process(List<ObjectNotice> notices) {
        List<Translation> translations = notices.stream().map(this::translate).toList();
        List<NewObjectEvent> events = translations.stream().map(Translation::event).filter(Objects::nonNull).toList();
        Iterator<EventOutcome> outcomes = (events.isEmpty() ? List.<EventOutcome>of()
                : useCase.identifyNew(NewObjectsCommand.notifying(events))).iterator();
        List<Verdict> verdicts = new ArrayList<>(notices.size());
        for (int i = 0; i < notices.size(); i++) {
            Translation translation = translations.get(i);
            Verdict verdict = translation.event() == null ? translation.settled() : verdict(outcomes.next());
            report(notices.get(i), verdict);
            verdicts.add(verdict);
        }
        return verdicts;
    }

    /** A notice as an event to identify, or its verdict when it is settled without identifying. */
    private record Translation(NewObjectEvent event, Verdict settled) {
    }

    private Translation translate(ObjectNotice notice) {
        if (!notice.creation()) {
            return new Translation(null, new Verdict(notice.where(), Kind.IGNORED, null));
        }
        NewObjectEvent event;
        try {
            event = event(notice);
        } catch (InvalidRequestException e) {
            return new Translation(null, new Verdict(notice.where(), Kind.FAILED, e));
        }
        if (!keyFilter.test(event.image().key())) {
            return new Translation(null, new Verdict(event.image().toString(), Kind.IGNORED, null));
        }
        return new Translation(event, null);
    }

    private static Verdict verdict(EventOutcome outcome) {
        String what = outcome.event().image().toString();
        return switch (outcome.status()) {
            case IDENTIFIED -> new Verdict(what, Kind.IDENTIFIED, null);
            case ALREADY_DONE -> new Verdict(what, Kind.ALREADY_DONE, null);
            case IN_FLIGHT -> new Verdict(what, Kind.IN_FLIGHT, null);
            case FAILED -> new Verdict(what, Kind.FAILED, outcome.error());
        };
    }

    private void report(ObjectNotice notice, Verdict verdict) {
        switch (verdict.kind()) {
            case IDENTIFIED -> {
                // The service logged the identification.
            }
            case IGNORED -> log.info("record.ignored", JsonLog.fields("record", verdict.what(),
                    "eventName", String.valueOf(notice.eventName()), "reason", notice.creation()
                            ? "key outside the configured prefix/suffix" : "not an object creation"));
            case ALREADY_DONE -> log.info("record.skipped", JsonLog.fields("record", verdict.what(),
                    "reason", "already identified and notified (a duplicate or retried delivery)"));
            case IN_FLIGHT -> log.info("record.skipped", JsonLog.fields("record", verdict.what(), "retryable", true,
                    "reason", "another delivery of this upload is being identified; reported for a retry"));
            case FAILED -> {
                FieldmarkException e = verdict.error();
                Map<String, Object> fields = new LinkedHashMap<>();
                fields.put("record", verdict.what());
                fields.put("code", e.code().name());
                fields.put("retryable", e.retryable());
                fields.put("error", e.getMessage());
                fields.put("advice", advice(e));
                log.warn("record.failed", fields);
            }
        }
    }

    /** The one place the Lambda entry points map error codes: what an operator should do about each. */
    static String advice(FieldmarkException e) {
        return switch (e.code()) {
            case INVALID_REQUEST -> "the event record is malformed; a retry fails the same way";
            case IMAGE_NOT_FOUND -> "the object is gone (deleted or renamed before it was read) or in another bucket";
            case IMAGE_EMPTY -> "the upload is empty; upload the photo again";
            case IMAGE_TOO_LARGE -> "upload a smaller photo, or raise MAX_IMAGE_BYTES (SageMaker real-time takes 6 MB)";
            case UNSUPPORTED_IMAGE -> "upload a JPEG, PNG or BMP photo";
            case STORAGE_UNAVAILABLE -> e.retryable() ? "S3 was unavailable; Lambda's retry may succeed"
                    : "check the function's s3:GetObject permission on the bucket (and s3:PutObject/DeleteObject on "
                    + "the IDEMPOTENCY_PREFIX markers)";
            case INFERENCE_FAILED -> e.retryable() ? "the endpoint was throttled or unavailable; Lambda's retry may succeed"
                    : "check SAGEMAKER_ENDPOINT_NAME, the endpoint's health and its model's logs";
            case INFERENCE_TIMEOUT -> "the endpoint answered too slowly; raise INFERENCE_TIMEOUT or the endpoint's capacity";
            case INVALID_MODEL_OUTPUT -> "the model's answer does not fit LABELS; check that the labels match the model";
            case NOTIFICATION_FAILED -> e.retryable() ? "SNS throttled or failed; Lambda's retry may succeed"
                    : "check SNS_TOPIC_ARN and the function's sns:Publish permission";
            case CONFIGURATION_INVALID -> "fix the function's environment variables";
            // The handlers only identify; reviews come in through the server's API.
            case SIGHTING_NOT_FOUND -> "the sighting is not in the log; take its id from the log again";
        };
    }

    /**
     * For sources Lambda invokes asynchronously (S3, EventBridge): the counts when every notice
     * was handled, else a {@link RecordsFailedException} naming the failed ones, so that Lambda
     * retries the event and finally hands it to the on-failure destination.
     */
    static Map<String, Object> summaryOrFailure(List<Verdict> verdicts) {
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("records", verdicts.size());
        summary.put("identified", count(verdicts, Kind.IDENTIFIED));
        summary.put("ignored", count(verdicts, Kind.IGNORED));
        summary.put("alreadyDone", count(verdicts, Kind.ALREADY_DONE));
        List<Verdict> failed = verdicts.stream().filter(Verdict::failed).toList();
        if (failed.isEmpty()) {
            return summary;
        }
        throw new RecordsFailedException(failed.size() + " of " + verdicts.size() + " records failed, "
                + count(verdicts, Kind.IDENTIFIED) + " identified: "
                + String.join("; ", failed.stream().map(Verdict::describe).toList()),
                failed.stream().map(Verdict::what).toList());
    }

    static int count(List<Verdict> verdicts, Kind kind) {
        return (int) verdicts.stream().filter(v -> v.kind() == kind).count();
    }

    /**
     * An object-creation notice in the use case's vocabulary.
     *
     * @throws InvalidRequestException when it names no bucket or no usable key
     */
    private static NewObjectEvent event(ObjectNotice notice) {
        if (notice.bucket() == null || notice.bucket().isBlank()) {
            throw new InvalidRequestException("S3 event " + notice.where() + " names no bucket");
        }
        if (notice.encodedKey() == null) {
            throw new InvalidRequestException("S3 event " + notice.where() + " names no object");
        }
        String key;
        try {
            key = S3EventKeys.decode(notice.encodedKey());
        } catch (IllegalArgumentException e) {
            throw new InvalidRequestException(e.getMessage(), e);
        }
        return new NewObjectEvent(new ImageReference(notice.bucket(), key), notice.version(), notice.sequencer());
    }
}
