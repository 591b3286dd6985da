package org.fieldmark.domain.frigate;

import java.util.Objects;

/**
 * What Fieldmark has done for one Frigate event so far, and what it does with the event's next
 * message ({@link #next}): the first snapshot is identified; an {@code update} is identified again
 * only when Frigate's {@code top_score} rose since the last identification (Frigate then keeps a
 * better snapshot), at most {@code maxIdentifications} times; the {@code end} message makes the
 * final decision (identified once more when the score rose, or when no guess was recorded yet).
 * An event that failed for good (its snapshot is gone, Frigate refused us) is not tried again.
 *
 * @param identifications how many times its snapshot was identified
 * @param identifiedAt    Frigate's {@code top_score} at the last identification; 0 before the first
 * @param recorded        whether its sighting (or notification) is recorded
 * @param failure         why it failed for good, {@code null} while it has not
 */
public record FrigateProgress(int identifications, double identifiedAt, boolean recorded, String failure) {

    /** An event nothing was done for yet. */
    public static final FrigateProgress NONE = new FrigateProgress(0, 0.0, false, null);

    /** What to do with one message. */
    public enum Action { IDENTIFY, SKIP }

    /**
     * @param action   identify the snapshot, or leave the message
     * @param reason   why, for the log
     * @param decisive whether what is identified now is recorded even when unsure (the {@code end})
     */
    public record Step(Action action, String reason, boolean decisive) {

        public Step {
            Objects.requireNonNull(action, "action");
            Objects.requireNonNull(reason, "reason");
        }

        public boolean identify() {
            return action == Action.IDENTIFY;
        }
    }

    public FrigateProgress {
        if (identifications < 0) {
            throw new IllegalArgumentException("identifications must not be negative, was " + identifications);
        }
    }

    /** What to do with {@code event}, given this progress and at most {@code maxIdentifications} updates. */
    public Step next(FrigateEvent event, int maxIdentifications) {
        if (failure != null) {
            return skip("failed earlier: " + failure);
        }
        if (!event.hasSnapshot()) {
            return skip("Frigate has no snapshot of it (yet)");
        }
        boolean end = event.type() == FrigateEvent.Type.END;
        boolean improved = event.topScore() > identifiedAt;
        if (identifications == 0) {
            return new Step(Action.IDENTIFY, "first snapshot", end);
        }
        if (end) {
            if (improved || !recorded) {
                return new Step(Action.IDENTIFY, improved ? "final: top score rose from " + identifiedAt + " to "
                        + event.topScore() : "final: no guess recorded yet", true);
            }
            return skip("final: no better snapshot since the last identification");
        }
        if (identifications >= maxIdentifications) {
            return skip("identified " + identifications + " times already (at most " + maxIdentifications + ")");
        }
        if (!improved) {
            return skip("top score " + event.topScore() + " not above " + identifiedAt
                    + " of the last identification");
        }
        return new Step(Action.IDENTIFY, "top score rose from " + identifiedAt + " to " + event.topScore(), false);
    }

    /** This progress after identifying {@code event}'s snapshot; {@code nowRecorded} when its guess is now recorded. */
    public FrigateProgress identified(FrigateEvent event, boolean nowRecorded) {
        return new FrigateProgress(identifications + 1, Math.max(identifiedAt, event.topScore()),
                recorded || nowRecorded, null);
    }

    /** This progress after a failure that no later message can mend. */
    public FrigateProgress failed(String why) {
        return new FrigateProgress(identifications, identifiedAt, recorded, Objects.requireNonNull(why, "why"));
    }

    private static Step skip(String why) {
        return new Step(Action.SKIP, why, false);
    }
}
