package org.fieldmark.application.port.in;

import java.util.List;

/**
 * Identify the new objects a storage notification names (an S3 event's records, an SQS batch, an
 * EventBridge event, the server's event endpoint) and say what became of each. A notifying
 * event that tells its upload apart (a version, ETag or sequencer) is identified once per upload
 * however often it is delivered ({@link IdentifyOnceUseCase}); one that does not, or a batch that
 * does not notify, is identified every time, since nothing a duplicate could repeat happens or a
 * duplicate cannot be told from a new upload of its key. A failing event does not stop the others:
 * its failure comes back as its {@link EventOutcome.Status#FAILED} outcome, never thrown.
 */
public interface NewObjectsUseCase {

    /** One outcome per event of the command, in its order. */
    List<EventOutcome> identifyNew(NewObjectsCommand command);
}
