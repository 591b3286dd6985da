package org.fieldmark.application.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.stream.Stream;
import org.fieldmark.application.port.out.EventKey;
import org.fieldmark.application.port.out.IdempotencyPort;
import org.fieldmark.application.port.out.IdempotencyPort.Claim;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What every {@link IdempotencyPort} must do. Adapters extend this with their real store and
 * inherit every test; {@link #clock()} drives the claim timeout.
 */
public abstract class IdempotencyPortContract {

    protected static final Duration CLAIM_TIMEOUT = Duration.ofMinutes(5);

    /** A port whose claims time out after {@link #CLAIM_TIMEOUT} on {@link #clock()}. */
    protected abstract IdempotencyPort port();

    /** Another port over the same store, as a fresh Lambda container would have. */
    protected abstract IdempotencyPort samePortElsewhere();

    /** The clock both ports read. */
    protected abstract MutableClock clock();

    static EventKey event(String key) {
        return new EventKey("feeder", key, "etag-1", "0055AED6DCD90281E5");
    }

    @Test
    void theFirstClaimOwnsTheEventAndASecondFindsItInFlight() {
        IdempotencyPort port = port();

        assertThat(port.claim(event("birds/card.jpg"))).isEqualTo(Claim.FIRST_TIME);
        assertThat(port.claim(event("birds/card.jpg"))).isEqualTo(Claim.IN_FLIGHT);
        assertThat(samePortElsewhere().claim(event("birds/card.jpg"))).isEqualTo(Claim.IN_FLIGHT);
    }

    @Test
    void aCompletedEventIsAlreadyDoneEverywhereAndStaysDonePastTheClaimTimeout() {
        IdempotencyPort port = port();
        port.claim(event("birds/card.jpg"));
        port.complete(event("birds/card.jpg"));

        assertThat(port.claim(event("birds/card.jpg"))).isEqualTo(Claim.ALREADY_DONE);
        clock().advance(CLAIM_TIMEOUT.multipliedBy(3));
        assertThat(samePortElsewhere().claim(event("birds/card.jpg"))).isEqualTo(Claim.ALREADY_DONE);
    }

    @Test
    void aReleasedEventCanBeClaimedAgain() {
        IdempotencyPort port = port();
        port.claim(event("birds/card.jpg"));
        port.release(event("birds/card.jpg"));

        assertThat(samePortElsewhere().claim(event("birds/card.jpg"))).isEqualTo(Claim.FIRST_TIME);
        assertThat(port.claim(event("birds/card.jpg"))).isEqualTo(Claim.IN_FLIGHT);
    }

    @Test
    void aClaimLeftByACrashedAttemptIsTakenOverOnlyAfterTheClaimTimeout() {
        port().claim(event("birds/card.jpg"));
        IdempotencyPort restarted = samePortElsewhere();

        clock().advance(CLAIM_TIMEOUT.minusSeconds(1));
        assertThat(restarted.claim(event("birds/card.jpg"))).isEqualTo(Claim.IN_FLIGHT);
        clock().advance(Duration.ofSeconds(1));
        assertThat(restarted.claim(event("birds/card.jpg"))).isEqualTo(Claim.FIRST_TIME);
        assertThat(restarted.claim(event("birds/card.jpg"))).isEqualTo(Claim.IN_FLIGHT);
    }

    static Stream<EventKey> otherEvents() {
        EventKey base = event("birds/card.jpg");
        return Stream.of(
                new EventKey("other-bucket", base.key(), base.version(), base.sequencer()),
                new EventKey(base.bucket(), "birds/card.jpeg", base.version(), base.sequencer()),
                new EventKey(base.bucket(), base.key(), "etag-2", base.sequencer()),
                new EventKey(base.bucket(), base.key(), base.version(), "0055AED6DCD90281E6"),
                new EventKey(base.bucket(), base.key(), "", ""));
    }

    @ParameterizedTest
    @MethodSource("otherEvents")
    void anotherBucketKeyVersionOrSequencerIsAnotherEvent(EventKey other) {
        IdempotencyPort port = port();
        port.claim(event("birds/card.jpg"));
        port.complete(event("birds/card.jpg"));

        assertThat(port.claim(other)).isEqualTo(Claim.FIRST_TIME);
    }

    @ParameterizedTest
    @MethodSource("unusualKeys")
    void handlesKeysWithAnyCharactersAndAnyLength(String key) {
        IdempotencyPort port = port();

        assertThat(port.claim(event(key))).isEqualTo(Claim.FIRST_TIME);
        port.complete(event(key));
        assertThat(samePortElsewhere().claim(event(key))).isEqualTo(Claim.ALREADY_DONE);
    }

    static Stream<String> unusualKeys() {
        return Stream.of("birds/blue jay é 鳥.jpg", "birds/a+b%2F../c?d#e.jpg", "birds/line\nbreak.jpg",
                "birds/" + "x".repeat(1018));
    }
}
