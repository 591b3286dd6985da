package org.fieldmark.adapter.aws;

import java.util.Locale;
import java.util.Set;
import software.amazon.awssdk.awscore.exception.AwsServiceException;

/** Reading AWS service errors the same way in every adapter. */
public final class AwsErrors {

    /** Error codes AWS services use for "slow down", whatever the HTTP status. */
    private static final Set<String> THROTTLING_CODES = Set.of(
            "throttling", "throttlingexception", "throttledexception", "slowdown", "requestlimitexceeded",
            "toomanyrequestsexception", "provisionedthroughputexceededexception", "requestthrottled",
            "requestthrottledexception", "kmsthrottling", "kmsthrottlingexception", "bandwidthlimitexceeded",
            "ec2throttledexception", "priorrequestnotcomplete", "transactioninprogressexception");

    private AwsErrors() {
    }

    /** The service's error code, or {@code "HTTP <status>"} when it sent none. */
    public static String code(AwsServiceException e) {
        String code = e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorCode();
        return code == null || code.isBlank() ? "HTTP " + e.statusCode() : code;
    }

    /** {@code true} for throttling, whatever status it came with. */
    public static boolean throttled(AwsServiceException e) {
        return e.statusCode() == 429 || THROTTLING_CODES.contains(code(e).toLowerCase(Locale.ROOT));
    }

    /** {@code true} when the same call may succeed later: throttling and server-side failures. */
    public static boolean transientFailure(AwsServiceException e) {
        return throttled(e) || e.statusCode() >= 500;
    }

    /** {@code "SlowDown, HTTP 503: Please reduce your request rate."} */
    public static String describe(AwsServiceException e) {
        String message = e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorMessage();
        String code = code(e);
        String head = code.startsWith("HTTP ") ? code : code + ", HTTP " + e.statusCode();
        return message == null || message.isBlank() ? head : head + ": " + snippet(message, 300);
    }

    /** At most {@code max} characters of {@code text}, marked when cut. */
    public static String snippet(String text, int max) {
        if (text == null) {
            return "";
        }
        String flat = text.strip();
        return flat.length() <= max ? flat : flat.substring(0, max) + "...";
    }
}
