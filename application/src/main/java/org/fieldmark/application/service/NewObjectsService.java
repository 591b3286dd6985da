package org.fieldmark.application.service;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.fieldmark.application.error.FieldmarkException;
import org.fieldmark.application.port.in.EventOutcome;
import org.fieldmark.application.port.in.IdentifyBirdUseCase;
import org.fieldmark.application.port.in.IdentifyImageCommand;
import org.fieldmark.application.port.in.IdentifyOnceUseCase;
import org.fieldmark.application.port.in.NewObjectEvent;
import org.fieldmark.application.port.in.NewObjectsCommand;
import org.fieldmark.application.port.in.NewObjectsUseCase;

/**
 * Each event in turn: once per upload through the identify-once use case when it notifies and
 * the event tells its upload apart, else a plain identification whose failure becomes the
 * event's outcome. Failures are logged where they happen (the identify use case, the claims), so
 * nothing is logged here.
 */
public final class NewObjectsService implements NewObjectsUseCase {

    private final IdentifyBirdUseCase identify;
    private final IdentifyOnceUseCase once;

    public NewObjectsService(IdentifyBirdUseCase identify, IdentifyOnceUseCase once) {
        this.identify = Objects.requireNonNull(identify, "identify");
        this.once = Objects.requireNonNull(once, "once");
    }

    @Override
    public List<EventOutcome> identifyNew(NewObjectsCommand command) {
        Objects.requireNonNull(command, "command");
        List<EventOutcome> outcomes = new ArrayList<>(command.events().size());
        for (NewObjectEvent event : command.events()) {
            outcomes.add(identify(event, command));
        }
        return outcomes;
    }

    private EventOutcome identify(NewObjectEvent event, NewObjectsCommand command) {
        if (command.sendNotification() && event.identifiesItsUpload()) {
            return once.identifyOnce(event, command.overrides());
        }
        try {
            return EventOutcome.identified(event,
                    identify.identify(new IdentifyImageCommand(event.image(), command.sendNotification(), command.overrides())));
        } catch (FieldmarkException e) {
            return EventOutcome.failed(event, e);
        }
    }
}
