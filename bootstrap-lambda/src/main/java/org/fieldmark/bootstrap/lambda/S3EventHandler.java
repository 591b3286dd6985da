package org.fieldmark.bootstrap.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.S3Event;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.fieldmark.adapter.memory.InMemoryIdempotency;
import org.fieldmark.application.port.in.IdentifyBirdUseCase;
import org.fieldmark.application.port.in.NewObjectsUseCase;
import org.fieldmark.application.port.in.IdentifyOnceUseCase;
import org.fieldmark.application.service.IdentifyOnceService;

/**
 * The S3-triggered function: identifies the photo of EVERY {@code ObjectCreated} record of the
 * event (the workshop original handled only the first) and notifies, once per upload. Test
 * events and other event types are skipped with a log line. When records fail, the others still
 * complete and the invocation then fails with a {@link RecordsFailedException} naming the failed
 * keys, so Lambda retries it or sends it to the on-failure destination; records already
 * identified (claims in {@code IDEMPOTENCY_BUCKET}, else in this container) are not identified
 * or notified again on that retry.
 *
 * <p>Handler string: {@code org.fieldmark.bootstrap.lambda.S3EventHandler::handleRequest}.
 */
public final class S3EventHandler implements RequestHandler<S3Event, Map<String, Object>> {

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

    @Override
    public Map<String, Object> handleRequest(S3Event event, Context context) {
        log.requestId(context == null ? null : context.getAwsRequestId());
        List<ObjectNotice> notices = Notices.of(event);
        if (notices.isEmpty()) {
            log.info("event.ignored", JsonLog.fields("reason", "no records: an s3:TestEvent or an empty event"));
        }
        return NoticeProcessor.summaryOrFailure(processor.process(notices));
    }
}
