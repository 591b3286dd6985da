package org.fieldmark.bootstrap.lambda;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Predicate;
import org.fieldmark.application.error.FieldmarkException;
import org.fieldmark.application.error.InvalidRequestException;
import org.fieldmark.application.port.in.EventOutcome;
import org.fieldmark.application.port.in.IdentifyOnceUseCase;
import org.fieldmark.application.port.in.NewObjectEvent;
import org.fieldmark.application.port.in.S3EventKeys;
import org.fieldmark.application.port.out.ImageReference;

/**
 * What every handler does with the notices it read, whatever the source: skip what is not an
 * object creation or lies outside the key filter, identify the rest once per upload, and log
 * each verdict (a failure with its code, whether a retry may help, and what to do about it).
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

    private final IdentifyOnceUseCase useCase;
    private final Predicate<String> keyFilter;
    private final JsonLog log;

    NoticeProcessor(IdentifyOnceUseCase useCase, Predicate<String> keyFilter, JsonLog log) {
        this.useCase = Objects.requireNonNull(useCase, "useCase");
        this.keyFilter = Objects.requireNonNull(keyFilter, "keyFilter");
        this.log = Objects.requireNonNull(log, "log");
    }

    List<Verdict> process(List<ObjectNotice> notices) {
        List<Verdict> verdicts = new ArrayList<>(notices.size());
        for (ObjectNotice notice : notices) {
            Verdict verdict = process(notice);
            report(notice, verdict);
            verdicts.add(verdict);
        }
        return verdicts;
    }

    private Verdict process(ObjectNotice notice) {
        if (!notice.creation()) {
            return new Verdict(notice.where(), Kind.IGNORED, null);
        }
        ImageReference image;
        try {
            image = reference(notice);
        } catch (InvalidRequestException e) {
            return new Verdict(notice.where(), Kind.FAILED, e);
        }
        if (!keyFilter.test(image.key())) {
            return new Verdict(image.toString(), Kind.IGNORED, null);
        }
        EventOutcome outcome = useCase.identifyOnce(new NewObjectEvent(image, notice.version(), notice.sequencer()));
        return switch (outcome.status()) {
            case IDENTIFIED -> new Verdict(image.toString(), Kind.IDENTIFIED, null);
            case ALREADY_DONE -> new Verdict(image.toString(), Kind.ALREADY_DONE, null);
            case IN_FLIGHT -> new Verdict(image.toString(), Kind.IN_FLIGHT, null);
            case FAILED -> new Verdict(image.toString(), Kind.FAILED, outcome.error());
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

    private static ImageReference reference(ObjectNotice notice) {
        if (notice.bucket() == null || notice.bucket().isBlank()) {
            throw new InvalidRequestException("S3 event " + notice.where() + " names no bucket");
        }
        if (notice.encodedKey() == null) {
            throw new InvalidRequestException("S3 event " + notice.where() + " names no object");
        }
        return new ImageReference(notice.bucket(), S3EventKeys.decode(notice.encodedKey()));
    }
}
