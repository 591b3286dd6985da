package org.fieldmark.application.port.in;

/** Hears an archive's progress; the service calls it one call at a time, from its workers. */
public interface ArchiveListener {

    /** Before the first photo: how many will be identified and how many were skipped as done. */
    default void started(int toIdentify, int skipped) {
    }

    /** One photo's outcome, as soon as it is known. */
    void finished(ArchiveOutcome outcome);
}
