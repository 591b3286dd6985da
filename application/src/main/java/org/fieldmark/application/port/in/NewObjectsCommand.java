package org.fieldmark.application.port.in;

import java.util.List;
import java.util.Objects;

/**
 * A batch of new-object events to identify.
 *
 * @param events    the events, in the order their outcomes come back
 * @param sendNotification whether to notify people of each identification
 * @param overrides per-request threshold and K; {@link RuleOverrides#NONE} keeps the configured rules
 */
public record NewObjectsCommand(List<NewObjectEvent> events, boolean sendNotification, RuleOverrides overrides) {

    public NewObjectsCommand {
        events = List.copyOf(Objects.requireNonNull(events, "events"));
        overrides = overrides == null ? RuleOverrides.NONE : overrides;
    }

    /** Identify and notify with the configured rules, as the Lambda's triggers do. */
    public static NewObjectsCommand notifying(List<NewObjectEvent> events) {
        return new NewObjectsCommand(events, true, RuleOverrides.NONE);
    }
}
