package org.fieldmark.bootstrap.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.S3Event;
import com.amazonaws.services.lambda.runtime.events.models.s3.S3EventNotification.S3EventNotificationRecord;
import com.amazonaws.services.lambda.runtime.events.models.s3.S3EventNotification.S3ObjectEntity;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Predicate;
import org.fieldmark.adapter.aws.AwsClients;
import org.fieldmark.application.error.FieldmarkException;
import org.fieldmark.application.error.InvalidRequestException;
import org.fieldmark.application.port.in.IdentifyBirdUseCase;
import org.fieldmark.application.port.in.IdentifyImageCommand;
import org.fieldmark.application.port.in.RecordOutcome;
import org.fieldmark.application.port.in.S3EventKeys;
import org.fieldmark.application.port.out.ImageReference;

/**
 * The S3-triggered function: identifies the photo of EVERY {@code ObjectCreated} record of the
 * event (the workshop original handled only the first) and notifies. Test events and other
 * event types are skipped with a log line. When records fail, the others still complete and the
 * invocation then fails with a {@link RecordsFailedException} naming the failed keys, so Lambda
 * retries it or sends it to the on-failure destination; records this container already
 * identified are not identified (or notified) again on that retry.
 *
 * <p>Handler string: {@code org.fieldmark.bootstrap.lambda.S3EventHandler::handleRequest}.
 */
public final class S3EventHandler implements RequestHandler<S3Event, Map<String, Object>> {

    /** How many done records a container remembers for retries. */
    static final int REMEMBERED_RECORDS = 10_000;

    private final IdentifyBirdUseCase useCase;
    private final Predicate<String> keyFilter;
    private final JsonLog log;
    private final Set<String> done = Collections.newSetFromMap(new LinkedHashMap<>(64, 0.75f, false) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
            return size() > REMEMBERED_RECORDS;
        }
    });

    /**
     * Lambda's constructor, run once in the init phase: reads the environment and builds the SDK
     * clients. A configuration problem fails init here, listing every problem.
     */
    public S3EventHandler() {
        this(System.getenv(), new JsonLog(System.out));
    }

    private S3EventHandler(Map<String, String> env, JsonLog log) {
        this(LambdaEnvironment.read(env), log);
    }

    private S3EventHandler(LambdaConfiguration config, JsonLog log) {
        this(LambdaWiring.wire(config, new AwsClients(config.aws()), log), config::accepts, log);
        log.info("function.initialised", JsonLog.fields("inference", config.inference().name().toLowerCase(),
                "notify", config.notification().name().toLowerCase(), "catalog", config.catalog().name(),
                "keyPrefix", config.keyPrefix(), "keySuffix", config.keySuffix()));
    }

    /** For tests and other wiring: the use case, which keys to identify, and where to log. */
    public S3EventHandler(IdentifyBirdUseCase useCase, Predicate<String> keyFilter, JsonLog log) {
        this.useCase = Objects.requireNonNull(useCase, "useCase");
        this.keyFilter = Objects.requireNonNull(keyFilter, "keyFilter");
        this.log = Objects.requireNonNull(log, "log");
    }

    @Override
    public Map<String, Object> handleRequest(S3Event event, Context context) {
        log.requestId(context == null ? null : context.getAwsRequestId());
        List<S3EventNotificationRecord> records = event == null ? null : event.getRecords();
        if (records == null || records.isEmpty()) {
            log.info("event.ignored", JsonLog.fields("reason", "no records: an s3:TestEvent or an empty event"));
            return summary(0, 0, 0, 0);
        }
        List<IdentifyImageCommand> commands = new ArrayList<>();
        List<String> identities = new ArrayList<>();
        List<Failure> failures = new ArrayList<>();
        int ignored = 0;
        int repeated = 0;
        for (int i = 0; i < records.size(); i++) {
            S3EventNotificationRecord record = records.get(i);
            String eventName = record == null ? null : record.getEventName();
            if (eventName == null || !(eventName.startsWith("ObjectCreated:") || eventName.startsWith("s3:ObjectCreated:"))) {
                ignored++;
                log.info("record.ignored", JsonLog.fields("record", i, "eventName", String.valueOf(eventName),
                        "reason", "not an object creation"));
                continue;
            }
            ImageReference image;
            try {
                image = reference(record, i);
            } catch (InvalidRequestException e) {
                failures.add(new Failure("record " + i, e));
                continue;
            }
            if (!keyFilter.test(image.key())) {
                ignored++;
                log.info("record.ignored", JsonLog.fields("record", i, "bucket", image.bucket(), "key", image.key(),
                        "reason", "key outside the configured prefix/suffix"));
                continue;
            }
            String identity = identity(image, record.getS3().getObject());
            if (done.contains(identity)) {
                repeated++;
                log.info("record.skipped", JsonLog.fields("record", i, "bucket", image.bucket(), "key", image.key(),
                        "reason", "already identified and notified by this container (a retry)"));
                continue;
            }
            commands.add(IdentifyImageCommand.notifying(image));
            identities.add(identity);
        }
        List<RecordOutcome> outcomes = commands.isEmpty() ? List.of() : useCase.identifyEach(commands);
        int identified = 0;
        for (int i = 0; i < outcomes.size(); i++) {
            RecordOutcome outcome = outcomes.get(i);
            if (outcome.succeeded()) {
                identified++;
                done.add(identities.get(i));
            } else {
                failures.add(new Failure(outcome.image().toString(), outcome.error()));
            }
        }
        if (failures.isEmpty()) {
            return summary(records.size(), identified, ignored, repeated);
        }
        List<String> parts = new ArrayList<>();
        for (Failure failure : failures) {
            FieldmarkException e = failure.error();
            Map<String, Object> fields = new LinkedHashMap<>();
            fields.put("record", failure.what());
            fields.put("code", e.code().name());
            fields.put("retryable", e.retryable());
            fields.put("error", e.getMessage());
            fields.put("advice", advice(e));
            log.warn("record.failed", fields);
            parts.add(failure.what() + " (" + e.code() + (e.retryable() ? ", retryable" : "") + ": " + e.getMessage() + ")");
        }
        throw new RecordsFailedException(failures.size() + " of " + records.size() + " records failed, "
                + identified + " identified: " + String.join("; ", parts),
                failures.stream().map(Failure::what).toList());
    }

    /** The one place the Lambda entry point maps error codes: what an operator should do about each. */
    static String advice(FieldmarkException e) {
        return switch (e.code()) {
            case INVALID_REQUEST -> "the event record is malformed; a retry fails the same way";
            case IMAGE_NOT_FOUND -> "the object is gone (deleted or renamed before it was read) or in another bucket";
            case IMAGE_EMPTY -> "the upload is empty; upload the photo again";
            case IMAGE_TOO_LARGE -> "upload a smaller photo, or raise MAX_IMAGE_BYTES (SageMaker real-time takes 6 MB)";
            case UNSUPPORTED_IMAGE -> "upload a JPEG, PNG or BMP photo";
            case STORAGE_UNAVAILABLE -> e.retryable() ? "S3 was unavailable; Lambda's retry may succeed"
                    : "check the function's s3:GetObject permission on the bucket";
            case INFERENCE_FAILED -> e.retryable() ? "the endpoint was throttled or unavailable; Lambda's retry may succeed"
                    : "check SAGEMAKER_ENDPOINT_NAME, the endpoint's health and its model's logs";
            case INFERENCE_TIMEOUT -> "the endpoint answered too slowly; raise INFERENCE_TIMEOUT or the endpoint's capacity";
            case INVALID_MODEL_OUTPUT -> "the model's answer does not fit LABELS; check that the labels match the model";
            case NOTIFICATION_FAILED -> e.retryable() ? "SNS throttled or failed; Lambda's retry may succeed"
                    : "check SNS_TOPIC_ARN and the function's sns:Publish permission";
            case CONFIGURATION_INVALID -> "fix the function's environment variables";
            // The handler only identifies; reviews come in through the server's API.
            case SIGHTING_NOT_FOUND -> "the sighting is not in the log; take its id from the log again";
        };
    }

    private static ImageReference reference(S3EventNotificationRecord record, int index) {
        if (record.getS3() == null || record.getS3().getBucket() == null || record.getS3().getBucket().getName() == null
                || record.getS3().getBucket().getName().isBlank()) {
            throw new InvalidRequestException("S3 event record " + index + " names no bucket");
        }
        if (record.getS3().getObject() == null) {
            throw new InvalidRequestException("S3 event record " + index + " names no object");
        }
        return new ImageReference(record.getS3().getBucket().getName(), S3EventKeys.decode(record.getS3().getObject().getKey()));
    }

    /** Which upload a record is about: a new upload under the same key is a new record. */
    private static String identity(ImageReference image, S3ObjectEntity object) {
        // S3 gives each write of a key a new sequencer; ETag and version id tell uploads apart too.
        return image + "@" + object.getVersionId() + "/" + object.geteTag() + "/" + object.getSequencer();
    }

    private static Map<String, Object> summary(int records, int identified, int ignored, int repeated) {
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("records", records);
        summary.put("identified", identified);
        summary.put("ignored", ignored);
        summary.put("alreadyDone", repeated);
        return summary;
    }

    private record Failure(String what, FieldmarkException error) {
    }
}
