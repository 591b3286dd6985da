package org.fieldmark.bootstrap.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.amazonaws.services.lambda.runtime.events.SQSEvent.SQSMessage;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.fieldmark.application.error.InvalidRequestException;
import org.fieldmark.application.port.in.NewObjectsUseCase;
import org.fieldmark.bootstrap.lambda.NoticeProcessor.Kind;
import org.fieldmark.bootstrap.lambda.NoticeProcessor.Verdict;

/**
 * The SQS-triggered function: each message body is an S3 event notification (S3 sending to the
 * queue, or through an SNS topic: the SNS envelope is unwrapped). Every record is identified once
 * per upload; the answer lists only the messages a later delivery may still succeed with (a
 * retryable failure, or another delivery holding the claim), so SQS redelivers just those, after
 * the visibility timeout. A message that can never succeed (missing object, not an image, model
 * output that does not fit the labels, a body that is not an S3 event) is logged with the reason
 * and NOT listed, since it would come back forever, unless {@code NON_RETRYABLE_TO_DLQ=true} lists
 * it so that the redrive policy moves it to the dead-letter queue. Needs
 * {@code FunctionResponseTypes: [ReportBatchItemFailures]} on the event source mapping.
 *
 * <p>Handler string: {@code org.fieldmark.bootstrap.lambda.SqsEventHandler::handleRequest}.
 */
public final class SqsEventHandler implements RequestHandler<SQSEvent, SQSBatchResponse> {

    private final NoticeProcessor processor;
    private final boolean nonRetryableToDlq;
    private final JsonLog log;

    /** Lambda's constructor, run once in the init phase. */
    public SqsEventHandler() {
        this(LambdaSetup.fromEnvironment("sqs"));
    }

    private SqsEventHandler(LambdaSetup setup) {
        this(setup.useCase(), setup.config()::accepts, setup.config().delivery().nonRetryableToDlq(), setup.log());
    }

    /** For tests and other wiring. */
    public SqsEventHandler(NewObjectsUseCase useCase, Predicate<String> keyFilter, boolean nonRetryableToDlq,
                           JsonLog log) {
        this.processor = new NoticeProcessor(useCase, keyFilter, log);
        this.nonRetryableToDlq = nonRetryableToDlq;
        this.log = log;
    }

    @Override
    public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
        log.requestId(context == null ? null : context.getAwsRequestId());
        List<SQSMessage> messages = event == null || event.getRecords() == null ? List.of() : event.getRecords();
        List<SQSBatchResponse.BatchItemFailure> failures = new ArrayList<>();
        int retried = 0;
        int dropped = 0;
        int identified = 0;
        for (SQSMessage message : messages) {
            String id = message.getMessageId();
            List<Verdict> verdicts;
            try {
                verdicts = processor.process(Notices.ofJson(message.getBody(), "message " + id));
            } catch (InvalidRequestException e) {
                log.warn("message.failed", JsonLog.fields("messageId", id, "code", e.code().name(), "retryable", false,
                        "error", e.getMessage(), "advice", NoticeProcessor.advice(e), "toDeadLetterQueue", nonRetryableToDlq));
                verdicts = List.of(new Verdict("message " + id, Kind.FAILED, e));
            }
            identified += NoticeProcessor.count(verdicts, Kind.IDENTIFIED);
            if (verdicts.stream().anyMatch(Verdict::retryable)) {
                retried++;
                failures.add(new SQSBatchResponse.BatchItemFailure(id));
            } else if (verdicts.stream().anyMatch(Verdict::permanentFailure)) {
                dropped++;
                if (nonRetryableToDlq) {
                    failures.add(new SQSBatchResponse.BatchItemFailure(id));
                }
            }
        }
        log.info("batch.done", JsonLog.fields("messages", messages.size(), "identified", identified,
                "retried", retried, "failedForGood", dropped, "toDeadLetterQueue", nonRetryableToDlq ? dropped : 0));
        return new SQSBatchResponse(failures);
    }
}
