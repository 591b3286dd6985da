package org.fieldmark.bootstrap.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.fieldmark.adapter.memory.InMemoryIdempotency;
import org.fieldmark.application.error.InvalidRequestException;
import org.fieldmark.application.port.in.IdentifyBirdUseCase;
import org.fieldmark.application.port.in.NewObjectsUseCase;
import org.fieldmark.application.port.in.IdentifyOnceUseCase;
import org.fieldmark.application.service.IdentifyOnceService;
import org.fieldmark.wire.json.JsonText;

/**
 * The S3-triggered function: identifies the photo of EVERY {@code ObjectCreated} record of the
 * event (the workshop original handled only the first) and notifies, once per upload. Test
 * events and other event types are skipped with a log line. When records fail, the others still
 * complete and the invocation then fails with a {@link RecordsFailedException} naming the failed
 * keys, so Lambda retries it or sends it to the on-failure destination; records already
 * identified (claims in {@code IDEMPOTENCY_BUCKET}, else in this container) are not identified
 * or notified again on that retry.
 *
 * <p>The event's JSON is read here, with Fieldmark's JSON reader, not by the runtime's serializer
 * into an {@code S3Event}: that serializer (Jackson data binding and Joda-Time inside the runtime)
 * was 8-9 % of a warm event's CPU time under C1 and loaded its classes during init (issue 17). The
 * answer is the same JSON the runtime wrote for the summary map.
 *
 * <p>Handler string: {@code org.fieldmark.bootstrap.lambda.S3EventHandler::handleRequest}.
 */
public final class S3EventHandler implements RequestStreamHandler {

    private final NoticeProcessor processor;
    private final JsonLog log;

    /**
     * Lambda's constructor, run once in the init phase: reads the environment and builds the SDK
     * clients. A configuration problem fails init here, listing every problem.
     */
    public S3EventHandler() {
        this(LambdaSetup.fromEnvironment("s3"));
    }

    private S3EventHandler(LambdaSetup setup) {
        this(setup.useCase(), setup.config()::accepts, setup.log());
    }

    /** For tests and other wiring: the use case behind claims, which keys to identify, and where to log. */
    public S3EventHandler(NewObjectsUseCase useCase, Predicate<String> keyFilter, JsonLog log) {
        this.processor = new NoticeProcessor(useCase, keyFilter, log);
        this.log = log;
    }

    /** For tests: the use case with claims kept in this handler's memory. */
    public S3EventHandler(IdentifyBirdUseCase useCase, Predicate<String> keyFilter, JsonLog log) {
        this(LambdaWiring.newObjects(useCase, new InMemoryIdempotency(LambdaEnvironment.DEFAULT_CLAIM_TIMEOUT), log),
                keyFilter, log);
    }

    /**
     * One invocation: the S3 event's JSON in, the summary's JSON out ({@code records}, {@code identified},
     * {@code ignored}, {@code alreadyDone}). An event that is not an S3 event fails the invocation with an
     * {@link InvalidRequestException}; failed records fail it with a {@link RecordsFailedException}.
     */
    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        log.requestId(context == null ? null : context.getAwsRequestId());
        List<ObjectNotice> notices;
        try {
            notices = Notices.ofEvent(new String(input.readAllBytes(), StandardCharsets.UTF_8));
        } catch (InvalidRequestException e) {
            log.warn("event.failed", JsonLog.fields("code", e.code().name(), "retryable", false, "error", e.getMessage(),
                    "advice", NoticeProcessor.advice(e)));
            throw e;
        }
        output.write(JsonText.of(summary(notices)).getBytes(StandardCharsets.UTF_8));
    }

    private Map<String, Object> summary(List<ObjectNotice> notices) {
        if (notices.isEmpty()) {
            log.info("event.ignored", JsonLog.fields("reason", "no records: an s3:TestEvent or an empty event"));
        }
        return NoticeProcessor.summaryOrFailure(processor.process(notices));
    }
}
