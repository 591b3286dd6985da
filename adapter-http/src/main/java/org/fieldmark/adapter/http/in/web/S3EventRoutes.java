package org.fieldmark.adapter.http.in.web;

import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.fieldmark.adapter.http.json.ResultJson;
import org.fieldmark.application.error.ErrorCode;
import org.fieldmark.application.error.FieldmarkException;
import org.fieldmark.application.port.in.EventOutcome;
import org.fieldmark.application.port.in.IdentifyBirdUseCase;
import org.fieldmark.application.port.in.IdentifyImageCommand;
import org.fieldmark.application.port.in.IdentifyOnceUseCase;
import org.fieldmark.application.port.in.NewObjectEvent;
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

    private final IdentifyBirdUseCase identify;
    private final IdentifyOnceUseCase events;
    private final InferencePool pool;
    private final ApiMetrics metrics;

    S3EventRoutes(IdentifyBirdUseCase identify, IdentifyOnceUseCase events, InferencePool pool, ApiMetrics metrics) {
        this.identify = Objects.requireNonNull(identify, "identify");
        this.events = Objects.requireNonNull(events, "events");
        this.pool = Objects.requireNonNull(pool, "pool");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
    }

    void s3Event(RoutingContext ctx) {
        S3Events.Document document = S3Events.parse(Requests.jsonObject(ctx.body().buffer()));
        RuleOverrides overrides = Requests.overrides(ctx.queryParams());
        boolean notify = Requests.flag(ctx.queryParams(), "notify", true);
        List<S3Events.Entry> images = document.entries().stream().filter(entry -> entry.image() != null).toList();
        if (images.isEmpty()) {
            Answers.json(ctx, 200, eventResponse(ctx, document, List.of()));
            return;
        }
        pool.submit(ctx, () -> identifyRecords(images, notify, overrides), outcomes -> {
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

    /**
     * Identifies each record in turn, once per upload when it notifies. Without notifying nothing
     * happens that a duplicate could repeat, and a record without version, ETag or sequencer
     * cannot be told from a new upload of its key: both are identified every time.
     */
    private List<EventOutcome> identifyRecords(List<S3Events.Entry> entries, boolean notify, RuleOverrides overrides) {
        List<EventOutcome> outcomes = new ArrayList<>(entries.size());
        for (S3Events.Entry entry : entries) {
            NewObjectEvent event = new NewObjectEvent(entry.image(), entry.version(), entry.sequencer());
            if (notify && entry.identifiesItsUpload()) {
                outcomes.add(events.identifyOnce(event, overrides));
                continue;
            }
            try {
                outcomes.add(EventOutcome.identified(event,
                        identify.identify(new IdentifyImageCommand(entry.image(), notify, overrides))));
            } catch (FieldmarkException e) {
                // Logged by the use case where it happened; the answer reports it with the record.
                outcomes.add(EventOutcome.failed(event, e));
            }
        }
        return outcomes;
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
