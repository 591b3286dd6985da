package org.fieldmark.domain.sighting;

import java.util.Objects;

/**
 * What the notification policy decided for one candidate, and why. The reason is logged and kept
 * on the sighting, e.g. {@code suppressed: cooldown 12 min left for Passer domesticus}.
 *
 * @param recorded whether the sighting is kept in the bird log
 * @param notified whether people are told
 * @param reason one line saying why, starting with {@code notified:}, {@code suppressed:} or
 *               {@code not recorded:}
 */
public record Decision(boolean recorded, boolean notified, String reason) {

    public Decision {
        Objects.requireNonNull(reason, "reason");
    }

    static Decision notified(String why) {
        return new Decision(true, true, "notified: " + why);
    }

    static Decision suppressed(String why) {
        return new Decision(true, false, "suppressed: " + why);
    }

    static Decision notRecorded(String why) {
        return new Decision(false, false, "not recorded: " + why);
    }
}
