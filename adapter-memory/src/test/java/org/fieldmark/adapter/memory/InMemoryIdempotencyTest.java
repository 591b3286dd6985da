package org.fieldmark.adapter.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.fieldmark.application.port.out.EventKey;
import org.fieldmark.application.port.out.IdempotencyPort.Claim;
import org.fieldmark.application.testing.MutableClock;
import org.junit.jupiter.api.Test;

class InMemoryIdempotencyTest {

    private final MutableClock clock = new MutableClock();

    @Test
    void forgetsTheOldestEventOnceItsCapacityIsFull() {
        InMemoryIdempotency claims = new InMemoryIdempotency(Duration.ofMinutes(5), clock, 2);
        for (String event : new String[] {"a", "b", "c"}) {
            claims.claim(key(event));
            claims.complete(key(event));
        }

        assertThat(claims.claim(key("a"))).isEqualTo(Claim.FIRST_TIME);
        assertThat(claims.claim(key("c"))).isEqualTo(Claim.ALREADY_DONE);
    }

    @Test
    void refusesANonPositiveTimeoutOrCapacity() {
        assertThatThrownBy(() -> new InMemoryIdempotency(Duration.ZERO, clock, 2))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("positive");
        assertThatThrownBy(() -> new InMemoryIdempotency(Duration.ofMinutes(1), clock, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least 1");
    }

    private static EventKey key(String value) {
        return new EventKey("feeder", value, "v1", null);
    }
}
