package org.fieldmark.bootstrap.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.fieldmark.application.error.InvalidRequestException;
import org.fieldmark.application.port.in.NewObjectsUseCase;
import org.fieldmark.bootstrap.lambda.NoticeProcessor.Kind;
import org.fieldmark.bootstrap.lambda.NoticeProcessor.Verdict;

/**
 * The function behind an EventBridge rule on S3 {@code Object Created} events (the bucket with
 * EventBridge notifications on): identifies {@code detail.object.key} of
 * {@code detail.bucket.name} once per upload. EventBridge invokes asynchronously, so a failure
 * fails the invocation with a {@link RecordsFailedException} and Lambda retries, then hands the
 * event to the on-failure destination, as for the S3 trigger. The event arrives as the runtime
 * reads JSON into maps: no event class is needed in the jar.
 *
 * <p>Handler string: {@code org.fieldmark.bootstrap.lambda.EventBridgeHandler::handleRequest}.
 */
public final class EventBridgeHandler implements RequestHandler<Map<String, Object>, Map<String, Object>> {

    private final NoticeProcessor processor;
    private final JsonLog log;

    /** Lambda's constructor, run once in the init phase. */
    public EventBridgeHandler() {
        this(LambdaSetup.fromEnvironment("eventbridge"));
    }

    private EventBridgeHandler(LambdaSetup setup) {
        this(setup.useCase(), setup.config()::accepts, setup.log());
    }

    /** For tests and other wiring. */
    public EventBridgeHandler(NewObjectsUseCase useCase, Predicate<String> keyFilter, JsonLog log) {
        this.processor = new NoticeProcessor(useCase, keyFilter, log);
        this.log = log;
    }

    @Override
    public Map<String, Object> handleRequest(Map<String, Object> event, Context context) {
        log.requestId(context == null ? null : context.getAwsRequestId());
        List<Verdict> verdicts;
        try {
            verdicts = processor.process(List.of(Notices.ofEventBridge(event)));
        } catch (InvalidRequestException e) {
            log.warn("record.failed", JsonLog.fields("record", "event", "code", e.code().name(), "retryable", false,
                    "error", e.getMessage(), "advice", NoticeProcessor.advice(e)));
            verdicts = List.of(new Verdict("event", Kind.FAILED, e));
        }
        return NoticeProcessor.summaryOrFailure(verdicts);
    }
}
