package org.fieldmark.adapter.memory;

import org.fieldmark.application.port.out.IdempotencyPort;
import org.fieldmark.application.port.out.SightingRepository;
import org.fieldmark.application.testing.BestPhotoPinsContract;
import org.fieldmark.application.testing.IdempotencyPortContract;
import org.fieldmark.application.testing.MutableClock;
import org.fieldmark.application.testing.OutboxPortContract;
import org.fieldmark.application.testing.SightingRepositoryContract;
import org.junit.jupiter.api.Nested;

/** The stores in memory pass the same port contracts as SQLite and S3, so a process may pick any of them. */
class MemoryAdaptersPassTheirContractsTest {

    @Nested
    class Sightings extends SightingRepositoryContract {
        @Override
        protected SightingRepository emptyRepository() {
            return new InMemorySightingRepository();
        }
    }

    @Nested
    class Pins extends BestPhotoPinsContract {
        @Override
        protected SightingRepository emptyRepository() {
            return new InMemorySightingRepository();
        }
    }

    @Nested
    class Outbox extends OutboxPortContract {
        @Override
        protected Store emptyStore() {
            InMemorySightingRepository sightings = new InMemorySightingRepository();
            return new Store(new InMemoryOutbox(sightings), sightings);
        }
    }

    @Nested
    class Claims extends IdempotencyPortContract {
        private final MutableClock clock = new MutableClock();
        private final InMemoryIdempotency port = new InMemoryIdempotency(CLAIM_TIMEOUT, clock, 100);

        @Override
        protected IdempotencyPort port() {
            return port;
        }

        @Override
        protected IdempotencyPort samePortElsewhere() {
            return port;
        }

        @Override
        protected MutableClock clock() {
            return clock;
        }
    }
}
