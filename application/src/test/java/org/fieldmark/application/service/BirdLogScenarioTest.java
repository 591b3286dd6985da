package org.fieldmark.application.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.fieldmark.application.service.Feeder.JAY;
import static org.fieldmark.application.service.Feeder.SPARROW;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import org.fieldmark.application.testing.RecordingNotifier;
import org.fieldmark.domain.sighting.DailyDigest;
import org.fieldmark.domain.sighting.NotificationPolicy.Mode;
import org.fieldmark.domain.sighting.Sighting;
import org.junit.jupiter.api.Test;

/**
 * The scripted day at a feeder, through the real service, policy, in-memory log and
 * digest, with a clock that only moves when the script says so.
 */
class BirdLogScenarioTest {

    private final Feeder feeder = new Feeder();
    private final RecordingNotifier notifier = new RecordingNotifier();

    private List<Sighting> today() {
        return feeder.repository.between(Instant.parse("2026-11-28T23:00:00Z"), Instant.parse("2026-11-29T23:00:00Z"));
    }

    @Test
    void fortyPhotosOfOneSparrowInTenMinutesWithAThirtyMinuteCooldownNotifyOnce() {
        feeder.cooldownMinutes = 30;
        IdentifyBirdService service = feeder.service(notifier);

        for (int i = 0; i < 40; i++) {
            feeder.identify(service, SPARROW, 0.94);
            feeder.clock.advance(Duration.ofSeconds(15));
        }

        assertThat(notifier.messages()).containsExactly("Bird [birds/photo-1.jpg] is a: House Sparrow(0.94)");
        assertThat(today()).hasSize(40).filteredOn(Sighting::notified).hasSize(1);
        assertThat(today().get(0).reason()).isEqualTo("notified: Passer domesticus (0.94)");
        assertThat(today().get(1).reason()).isEqualTo("suppressed: cooldown 30 min left for Passer domesticus");
        assertThat(today().get(39).reason()).isEqualTo("suppressed: cooldown 21 min left for Passer domesticus");
    }

    @Test
    void aDeniedSpeciesIsRecordedButNeverNotified() {
        feeder.deny = Set.of("blue jay");
        IdentifyBirdService service = feeder.service(notifier);

        for (int i = 0; i < 5; i++) {
            feeder.identify(service, JAY, 0.97);
            feeder.clock.advance(Duration.ofHours(2));
        }

        assertThat(notifier.messages()).isEmpty();
        assertThat(today()).hasSize(5).allSatisfy(s -> {
            assertThat(s.notified()).isFalse();
            assertThat(s.reason()).isEqualTo("suppressed: Cyanocitta cristata is on the deny list");
        });
    }

    @Test
    void aNewSpeciesNotifiesOnceInNewSpeciesMode() {
        feeder.mode = Mode.NEW_SPECIES;
        IdentifyBirdService service = feeder.service(notifier);

        feeder.identify(service, SPARROW, 0.9);
        feeder.clock.advance(Duration.ofMinutes(5));
        feeder.identify(service, SPARROW, 0.9);
        feeder.clock.advance(Duration.ofMinutes(5));
        feeder.identify(service, JAY, 0.8);
        feeder.clock.advance(Duration.ofDays(3));
        feeder.identify(service, JAY, 0.95);

        assertThat(notifier.messages()).containsExactly("Bird [birds/photo-1.jpg] is a: House Sparrow(0.90)",
                "Bird [birds/photo-3.jpg] is a: Blue Jay(0.80)");
        assertThat(feeder.repository.find("s4").orElseThrow().reason())
                .isEqualTo("suppressed: Cyanocitta cristata was recorded before (mode new-species)");
    }

    @Test
    void theDigestListsTheDaysCounts() {
        feeder.cooldownMinutes = 30;
        feeder.deny = Set.of(JAY);
        IdentifyBirdService service = feeder.service(notifier);
        for (int i = 0; i < 40; i++) {
            feeder.identify(service, SPARROW, 0.94);
            feeder.clock.advance(Duration.ofSeconds(15));
        }
        for (int i = 0; i < 3; i++) {
            feeder.identify(service, JAY, 0.9);
        }
        feeder.identify(service, Feeder.CARDINAL, 0.2);
        feeder.identify(service, Feeder.NOT_A_BIRD, 0.99);
        feeder.clock.set(Instant.parse("2026-11-29T19:00:00Z"));
        DigestService digests = new DigestService(feeder.repository, notifier, Feeder.CATALOG, Feeder.ZONE,
                feeder.clock);

        DailyDigest sent = digests.publishDigest(digests.today());

        assertThat(digests.today()).isEqualTo(LocalDate.of(2026, 11, 29));
        assertThat(notifier.messages()).last().isEqualTo(
                "Fieldmark digest for 2026-11-29: 2 species, 43 sightings — House Sparrow 40, Blue Jay 3");
        assertThat(notifier.digests()).containsExactly(sent);
    }
}
