package org.fieldmark.configuration;

import static org.fieldmark.configuration.NotifyOptions.ALLOW;
import static org.fieldmark.configuration.NotifyOptions.COOLDOWN;
import static org.fieldmark.configuration.NotifyOptions.DENY;
import static org.fieldmark.configuration.NotifyOptions.NOTIFY_THRESHOLD;
import static org.fieldmark.configuration.NotifyOptions.POLICY_MODE;
import static org.fieldmark.configuration.NotifyOptions.RECORD_THRESHOLD;
import static org.fieldmark.configuration.NotifyOptions.SPECIES_COOLDOWNS;
import static org.fieldmark.configuration.NotifyOptions.SPECIES_THRESHOLDS;
import static org.fieldmark.configuration.NotifyOptions.TIME_ZONE;

import java.time.Duration;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Map;
import org.fieldmark.domain.sighting.NotificationPolicy;

/** Reads the notification policy's options ({@code policy.*}) into the domain's policy, for both runtimes. */
public final class PolicyBinder {

    private PolicyBinder() {
    }

    /**
     * The policy and the zone of its local days.
     *
     * @param policy the notification policy, {@code null} when off (or not readable)
     * @param zone   the time zone of local days ({@code null} when the Lambda's policy is off: it reads none)
     */
    public record Bound(NotificationPolicy policy, ZoneId zone) {
    }

    /**
     * The notification policy, or {@code null} when the mode is {@code off}: then no bird log is kept and
     * every photo is notified, as the workshop did. The server checks every policy option even then;
     * the Lambda, whose template leaves the mode off, reads none of them.
     */
    public static Bound bind(Values values, boolean notifyWhenNoBird) {
        int before = values.problems().count();
        if (values.runtime() == Runtimes.LAMBDA && "off".equalsIgnoreCase(values.optional(POLICY_MODE))) {
            return new Bound(null, null);
        }
        String modeText = values.choice(POLICY_MODE);
        boolean off = modeText.equals("off");
        NotificationPolicy.Mode mode = off || !POLICY_MODE.choices().contains(modeText)
                ? NotificationPolicy.Mode.EVERY : PolicyText.mode(modeText);
        double record = values.decimal(RECORD_THRESHOLD);
        double notify = values.decimal(NOTIFY_THRESHOLD);
        Map<String, Double> thresholds = Map.of();
        Map<String, Duration> cooldowns = Map.of();
        try {
            thresholds = PolicyText.speciesThresholds(values.label(SPECIES_THRESHOLDS),
                    values.optional(SPECIES_THRESHOLDS));
        } catch (PolicyText.InvalidTextException e) {
            e.problems().forEach(values.problems()::add);
        }
        try {
            cooldowns = PolicyText.speciesCooldowns(values.label(SPECIES_COOLDOWNS), values.optional(SPECIES_COOLDOWNS));
        } catch (PolicyText.InvalidTextException e) {
            e.problems().forEach(values.problems()::add);
        }
        Duration cooldown = Duration.ofMinutes(values.whole(COOLDOWN));
        ZoneId zone = zone(values);
        if (off || values.problems().count() > before) {
            return new Bound(null, zone);
        }
        try {
            return new Bound(new NotificationPolicy(mode, record, notify, thresholds,
                    PolicyText.names(values.optional(ALLOW)), PolicyText.names(values.optional(DENY)), cooldown,
                    cooldowns, zone, notifyWhenNoBird), zone);
        } catch (NotificationPolicy.InvalidPolicyException e) {
            // Ranges were checked above with the options' names; what is left (a species named twice) is here.
            String prefix = values.runtime() == Runtimes.LAMBDA ? "the notification policy: " : "policy: ";
            e.problems().forEach(problem -> values.problems().add(prefix + problem));
            return new Bound(null, zone);
        }
    }

    /**
     * The time zone of local days ({@code policy.time-zone}): the machine's on the server when unset,
     * UTC in the Lambda.
     */
    public static ZoneId zone(Values values) {
        String text = values.optional(TIME_ZONE);
        if (text == null) {
            return ZoneId.systemDefault();
        }
        try {
            ZoneId zone = PolicyText.zone(text);
            // The Lambda's default "UTC" is the offset, as it always was; a zone someone sets stays as written.
            return values.defaulted(TIME_ZONE) ? zone.normalized() : zone;
        } catch (IllegalArgumentException e) {
            values.problems().add(values.label(TIME_ZONE) + (values.runtime() == Runtimes.LAMBDA ? " is " : " ")
                    + e.getMessage());
            return values.runtime() == Runtimes.LAMBDA ? ZoneOffset.UTC : ZoneId.systemDefault();
        }
    }
}
