package org.fieldmark.adapter.aws.s3;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.fieldmark.adapter.aws.AwsErrors;
import org.fieldmark.application.error.StorageUnavailableException;
import org.fieldmark.application.port.out.EventKey;
import org.fieldmark.application.port.out.IdempotencyPort;
import org.fieldmark.wire.json.JsonText;
import org.fieldmark.wire.json.JsonTree;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Claims events with S3 conditional writes: a claim is a small marker object
 * {@code <prefix><sha-256 of the event key>} created with {@code If-None-Match: *}, which S3
 * refuses with 412 Precondition Failed when the marker exists, so of two concurrent deliveries
 * exactly one gets it. The marker says {@code in-flight} or {@code done} and when; an in-flight
 * marker older than the claim timeout (its attempt died) is taken over with {@code If-Match} on
 * its ETag, again so that only one taker wins. Completing overwrites the marker as done;
 * releasing deletes it. A lifecycle rule on the prefix expires markers: a duplicate delivered
 * after that is identified again.
 */
public final class S3IdempotencyAdapter implements IdempotencyPort {

    /** A marker that vanishes between a refused create and its read (released meanwhile) is tried again, this often. */
    private static final int ATTEMPTS = 3;

    private final S3Client s3;
    private final S3IdempotencySettings settings;
    private final Clock clock;

    public S3IdempotencyAdapter(S3Client s3, S3IdempotencySettings settings) {
        this(s3, settings, Clock.systemUTC());
    }

    /** With the clock that stamps markers and decides when a claim timed out. */
    public S3IdempotencyAdapter(S3Client s3, S3IdempotencySettings settings, Clock clock) {
        this.s3 = Objects.requireNonNull(s3, "s3");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public Claim claim(EventKey event) {
        String marker = markerKey(event);
        // Names this attempt's marker: when the SDK retried a create whose first try did land (the
        // answer was lost), the retry's 412 meets our own marker, and the claim is still ours.
        String token = UUID.randomUUID().toString();
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            if (write(marker, event, "in-flight", token, "*", null)) {
                return Claim.FIRST_TIME;
            }
            Marker existing = read(marker);
            if (existing == null) {
                continue;
            }
            if (token.equals(existing.token())) {
                return Claim.FIRST_TIME;
            }
            if (existing.done()) {
                return Claim.ALREADY_DONE;
            }
            if (clock.instant().isBefore(existing.at().plus(settings.claimTimeout()))) {
                return Claim.IN_FLIGHT;
            }
            // Only the delivery whose write still finds the stale marker's ETag takes it over.
            if (write(marker, event, "in-flight", token, null, existing.eTag())) {
                return Claim.FIRST_TIME;
            }
            Marker now = read(marker);
            return now != null && token.equals(now.token()) ? Claim.FIRST_TIME : Claim.IN_FLIGHT;
        }
        return Claim.IN_FLIGHT;
    }

    @Override
    public void complete(EventKey event) {
        write(markerKey(event), event, "done", null, null, null);
    }

    @Override
    public void release(EventKey event) {
        String marker = markerKey(event);
        try {
            s3.deleteObject(r -> r.bucket(settings.bucket()).key(marker));
        } catch (S3Exception e) {
            throw failure("deleting", marker, e);
        } catch (SdkClientException e) {
            throw unreachable("deleting", marker, e);
        }
    }

    /** The marker's key: a digest, since an S3 key is at most 1,024 bytes and an event key may be longer. */
    String markerKey(EventKey event) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(event.value().getBytes(StandardCharsets.UTF_8));
            return settings.prefix() + HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    /** {@code false} when the condition failed: the marker exists ({@code ifNoneMatch}) or changed ({@code ifMatch}). */
    private boolean write(String marker, EventKey event, String state, String token, String ifNoneMatch, String ifMatch) {
        String body = content(event, state, token);
        try {
            s3.putObject(r -> r.bucket(settings.bucket()).key(marker).contentType("application/json")
                    .ifNoneMatch(ifNoneMatch).ifMatch(ifMatch), RequestBody.fromString(body, StandardCharsets.UTF_8));
            return true;
        } catch (S3Exception e) {
            // 412: the condition failed; 409: a concurrent conditional write to the same key won.
            if ((ifNoneMatch != null || ifMatch != null) && (e.statusCode() == 412 || e.statusCode() == 409
                    || (ifMatch != null && e.statusCode() == 404))) {
                return false;
            }
            throw failure("writing", marker, e);
        } catch (SdkClientException e) {
            throw unreachable("writing", marker, e);
        }
    }

    private Marker read(String marker) {
        try {
            ResponseBytes<GetObjectResponse> bytes = s3.getObjectAsBytes(r -> r.bucket(settings.bucket()).key(marker));
            Map<?, ?> fields = fields(bytes.asString(StandardCharsets.UTF_8));
            Instant stamped = bytes.response().lastModified();
            if (fields.get("at") instanceof String at) {
                try {
                    stamped = Instant.parse(at);
                } catch (DateTimeParseException e) {
                    // a marker someone edited: its last-modified time will do
                }
            }
            String token = fields.get("claim") instanceof String claim && !claim.isEmpty() ? claim : null;
            return new Marker("done".equals(fields.get("state")), stamped == null ? Instant.EPOCH : stamped,
                    bytes.response().eTag(), token);
        } catch (NoSuchKeyException e) {
            return null;
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                return null;
            }
            throw failure("reading", marker, e);
        } catch (SdkClientException e) {
            throw unreachable("reading", marker, e);
        }
    }

    /** The marker's fields; none when someone replaced it with something that is not a JSON object. */
    private static Map<?, ?> fields(String text) {
        try {
            return JsonTree.read(text) instanceof Map<?, ?> fields ? fields : Map.of();
        } catch (IllegalArgumentException e) {
            return Map.of();
        }
    }

    private String content(EventKey event, String state, String token) {
        return JsonText.writing(json -> {
            json.writeStartObject();
            json.writeStringField("state", state);
            json.writeStringField("at", clock.instant().toString());
            if (token != null) {
                json.writeStringField("claim", token);
            }
            json.writeStringField("bucket", event.bucket());
            json.writeStringField("key", event.key());
            json.writeStringField("version", event.version());
            json.writeStringField("sequencer", event.sequencer());
            json.writeEndObject();
        });
    }

    private StorageUnavailableException failure(String doing, String marker, S3Exception e) {
        String where = "s3://" + settings.bucket() + "/" + marker;
        if (e.statusCode() == 403) {
            return new StorageUnavailableException("access denied " + doing + " idempotency marker " + where + " ("
                    + AwsErrors.describe(e) + "); allow s3:GetObject, s3:PutObject and s3:DeleteObject on arn:aws:s3:::"
                    + settings.bucket() + "/" + settings.prefix() + "*", false, e);
        }
        boolean retryable = AwsErrors.transientFailure(e) || "RequestTimeout".equals(AwsErrors.code(e));
        return new StorageUnavailableException(doing + " idempotency marker " + where + " failed ("
                + AwsErrors.describe(e) + ")" + (retryable ? "; try again later" : ""), retryable, e);
    }

    private StorageUnavailableException unreachable(String doing, String marker, SdkClientException e) {
        return new StorageUnavailableException("could not reach S3 " + doing + " idempotency marker s3://"
                + settings.bucket() + "/" + marker + ": " + e.getMessage(), true, e);
    }

    private record Marker(boolean done, Instant at, String eTag, String token) {
    }
}
