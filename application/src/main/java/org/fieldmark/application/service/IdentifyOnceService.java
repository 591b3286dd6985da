package org.fieldmark.application.service;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.fieldmark.application.error.FieldmarkException;
import org.fieldmark.application.error.StorageUnavailableException;
import org.fieldmark.application.port.in.EventOutcome;
import org.fieldmark.application.port.in.IdentifyBirdUseCase;
import org.fieldmark.application.port.in.IdentifyImageCommand;
import org.fieldmark.application.port.in.IdentifyOnceUseCase;
import org.fieldmark.application.port.in.NewObjectEvent;
import org.fieldmark.application.port.in.RuleOverrides;
import org.fieldmark.application.port.out.EventKey;
import org.fieldmark.application.port.out.IdempotencyPort;
import org.fieldmark.application.port.out.IdentificationResult;

/**
 * Claim, then identify through the identify use case, then complete. Any failure of the
 * identification releases the claim, so a retry starts afresh; that is safe because the identify
 * use case keeps a transactional outbox: the retry finds the photo recorded (its version) and only
 * sends the deliveries still pending, so a notification failure never makes a retry identify,
 * record or notify a channel again. When marking the event done fails after the notification went
 * out, the delivery still counts as identified and the claim stays in flight until the
 * idempotency store's claim timeout; that is logged.
 */
public final class IdentifyOnceService implements IdentifyOnceUseCase {

    private final IdentifyBirdUseCase identify;
    private final IdempotencyPort idempotency;
    private final Logger log;

    public IdentifyOnceService(IdentifyBirdUseCase identify, IdempotencyPort idempotency, Logger log) {
        this.identify = Objects.requireNonNull(identify, "identify");
        this.idempotency = Objects.requireNonNull(idempotency, "idempotency");
        this.log = Objects.requireNonNull(log, "log");
    }

    @Override
    public EventOutcome identifyOnce(NewObjectEvent event, RuleOverrides overrides) {
        Objects.requireNonNull(event, "event");
        EventKey key = event.key();
        IdempotencyPort.Claim claim;
        try {
            claim = idempotency.claim(key);
        } catch (FieldmarkException e) {
            warn("idempotency.claim_failed", key, e);
            return EventOutcome.failed(event, e);
        } catch (RuntimeException e) {
            StorageUnavailableException wrapped = new StorageUnavailableException(
                    "claiming event " + key + " failed unexpectedly: " + e, true, e);
            warn("idempotency.claim_failed", key, wrapped);
            return EventOutcome.failed(event, wrapped);
        }
        switch (claim) {
            case ALREADY_DONE -> {
                return EventOutcome.skipped(event, EventOutcome.Status.ALREADY_DONE);
            }
            case IN_FLIGHT -> {
                return EventOutcome.skipped(event, EventOutcome.Status.IN_FLIGHT);
            }
            case FIRST_TIME -> {
                // ours: go on
            }
        }
        IdentificationResult result;
        try {
            result = identify.identify(new IdentifyImageCommand(event.image(), true, overrides));
        } catch (FieldmarkException e) {
            // Logged by the identify use case where it happened; here only the claim goes.
            release(key);
            return EventOutcome.failed(event, e);
        } catch (RuntimeException e) {
            release(key);
            throw e;
        }
        try {
            idempotency.complete(key);
        } catch (RuntimeException e) {
            warn("idempotency.complete_failed", key, e);
        }
        return EventOutcome.identified(event, result);
    }

    private void release(EventKey key) {
        try {
            idempotency.release(key);
        } catch (RuntimeException e) {
            // The claim then times out and a later delivery takes it over.
            warn("idempotency.release_failed", key, e);
        }
    }

    private void warn(String what, EventKey key, RuntimeException e) {
        if (log.isLoggable(Level.WARNING)) {
            Map<String, Object> line = new LinkedHashMap<>();
            line.put("bucket", key.bucket());
            line.put("key", key.key());
            line.put("version", key.version());
            line.put("sequencer", key.sequencer());
            if (e instanceof FieldmarkException f) {
                line.put("code", f.code().name());
                line.put("retryable", f.retryable());
            }
            line.put("error", String.valueOf(e.getMessage()));
            log.log(Level.WARNING, new LogEvent(what, line));
        }
    }
}
