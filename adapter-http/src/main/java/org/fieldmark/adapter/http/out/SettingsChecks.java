package org.fieldmark.adapter.http.out;

import java.time.Duration;
import java.util.List;

/** The duration checks every outbound adapter's settings record makes, with one wording. */
public final class SettingsChecks {

    private SettingsChecks() {
    }

    /** Notes a problem unless {@code value} is above zero: "the webhook connect timeout must be positive, ...". */
    public static void positive(List<String> problems, String subject, String what, Duration value) {
        if (value == null || value.isNegative() || value.isZero()) {
            problems.add("the " + subject + " " + what + " must be positive, was " + value);
        }
    }

    /** Notes a problem when {@code value} is missing or below zero. */
    public static void notNegative(List<String> problems, String subject, String what, Duration value) {
        if (value == null || value.isNegative()) {
            problems.add("the " + subject + " " + what + " must be zero or positive, was " + value);
        }
    }
}
