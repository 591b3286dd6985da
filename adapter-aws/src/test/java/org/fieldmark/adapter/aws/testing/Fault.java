package org.fieldmark.adapter.aws.testing;

import java.time.Duration;
import java.util.Objects;

/**
 * What a loopback server does instead of answering: wait {@code delay}, then (when
 * {@code status > 0}) answer with that HTTP status and the service's error {@code code}.
 *
 * @param status  HTTP status of the error answer, 0 to answer normally after the delay
 * @param code    the service's error code, e.g. {@code Throttling} or {@code ModelError}
 * @param message the error message
 * @param delay   how long to wait before answering
 */
public record Fault(int status, String code, String message, Duration delay) {

    public Fault {
        Objects.requireNonNull(delay, "delay");
        code = code == null ? "" : code;
        message = message == null ? "" : message;
    }

    public static Fault error(int status, String code, String message) {
        return new Fault(status, code, message, Duration.ZERO);
    }

    /** Answers normally, but only after {@code delay}. */
    public static Fault slow(Duration delay) {
        return new Fault(0, "", "", delay);
    }
}
