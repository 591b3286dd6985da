package org.fieldmark.adapter.http.in.web;

import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.fieldmark.adapter.http.json.ResultJson;
import org.fieldmark.application.error.ErrorCode;
import org.fieldmark.application.port.in.EventOutcome;
import org.fieldmark.application.port.in.NewObjectsCommand;
import org.fieldmark.application.port.in.NewObjectsUseCase;
import org.fieldmark.application.port.in.RuleOverrides;

/**
 * {@code POST /v1/events/s3}: the new objects of an S3 (or MinIO) event notification, each
 * identified on the {@link InferencePool}; the answer reports every record's outcome.
 */
final class S3EventRoutes {

    /**
     * What became of an S3 event record, as {@code POST /v1/events/s3} names it; the answer also
     * counts the records of each outcome under the same names.
     */
    static final List<String> EVENT_OUTCOMES = List.of("identified", "failed", "skipped", "alreadyDone", "inFlight");

    private final NewObjectsUseCase events;
    private final InferencePool pool;
    private final ApiMetrics metrics;

    S3EventRoutes(NewObjectsUseCase events, InferencePool pool, ApiMetrics metrics) {
        this.events = Objects.requireNonNull(events, "events");
        this.pool = Objects.requireNonNull(pool, "pool");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
    }

    void s3Event(RoutingContext ctx) {
        S3Events.Document document = S3Events.parse(Requests.jsonObject(ctx.body().buffer()));
        RuleOverrides overrides = Requests.overrides(ctx.queryParams());
        boolean notify = Requests.flag(ctx.queryParams(), "notify", true);
        NewObjectsCommand command = new NewObjectsCommand(document.entries().stream().map(S3Events.Entry::event)
                .filter(Objects::nonNull).toList(), notify, overrides);
        if (command.events().isEmpty()) {
            Answers.json(ctx, 200, eventResponse(ctx, document, List.of()));
            return;
        }
        pool.submit(ctx, () -> events.identifyNew(command), outcomes -> {
            for (EventOutcome outcome : outcomes) {
                if (outcome.status() == EventOutcome.Status.IDENTIFIED) {
                    metrics.identified(outcome.result());
                }
                outcome.failure().filter(e -> e.code() == ErrorCode.NOTIFICATION_FAILED)
                        .ifPresent(e -> metrics.notificationFailed());
            }
            Answers.json(ctx, 200, eventResponse(ctx, document, outcomes));
        });
    }

    private static Map<String, Object> eventResponse(RoutingContext ctx, S3Events.Document document,
                                                     List<EventOutcome> outcomes) {
        List<Map<String, Object>> records = new ArrayList<>();
        Map<String, Integer> counts = new LinkedHashMap<>();
        EVENT_OUTCOMES.forEach(outcome -> counts.put(outcome, 0));
        int next = 0;
        for (S3Events.Entry entry : document.entries()) {
            Map<String, Object> record = new LinkedHashMap<>();
            record.put("bucket", entry.bucket());
            record.put("key", entry.image() != null ? entry.image().key() : entry.encodedKey());
            record.put("eventName", entry.eventName());
            if (entry.image() != null) {
                outcome(record, outcomes.get(next++), ctx.request().path());
            } else if (entry.invalid() != null) {
                record.put("outcome", "failed");
                record.put("problem", Problems.body(entry.invalid(), ctx.request().path()));
            } else {
                record.put("outcome", "skipped");
            }
            counts.merge((String) record.get("outcome"), 1, Integer::sum);
            records.add(record);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("testEvent", document.testEvent());
        body.putAll(counts);
        body.put("records", records);
        return body;
    }

    /** Adds what became of an image record to its part of the answer. */
    private static void outcome(Map<String, Object> record, EventOutcome outcome, String instance) {
        switch (outcome.status()) {
            case IDENTIFIED -> {
                record.put("outcome", "identified");
                record.put("identification", ResultJson.of(outcome.result()));
            }
            case ALREADY_DONE -> {
                record.put("outcome", "alreadyDone");
                record.put("detail", "an earlier delivery of this upload was identified and notified; nothing done");
            }
            case IN_FLIGHT -> {
                record.put("outcome", "inFlight");
                record.put("detail", "another delivery of this upload is being identified; nothing done");
            }
            case FAILED -> {
                record.put("outcome", "failed");
                record.put("problem", Problems.body(outcome.error(), instance));
            }
        }
    }
}
