package org.fieldmark.application.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.fieldmark.application.port.out.Delivery;
import org.fieldmark.application.port.out.ImageReference;
import org.fieldmark.application.port.out.OutboxEntry;
import org.fieldmark.application.port.out.OutboxPort;
import org.fieldmark.application.port.out.SightingRepository;
import org.fieldmark.domain.region.Region;
import org.fieldmark.domain.sighting.Sighting;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link OutboxPort} must do: memory, SQLite, S3. Adapters extend this with their real
 * store (whose bird log is the {@link Store#sightings()} beside it) and inherit every test;
 * {@link #reopen} lets a durable store prove it keeps what it was given.
 */
public abstract class OutboxPortContract {

    protected static final Instant NOON = Instant.parse("2026-11-29T12:00:00.123456Z");

    /** An outbox and the bird log of the same store. */
    public record Store(OutboxPort outbox, SightingRepository sightings) {
    }

    protected Store store;

    /** A new, empty store. */
    protected abstract Store emptyStore();

    /** The same store opened again; memory returns it as is. */
    protected Store reopen(Store current) {
        return current;
    }

    @BeforeEach
    void openAnEmptyStore() {
        store = emptyStore();
    }

    private static Sighting sighting(String id, Instant time) {
        return new Sighting(id, time, "birds/" + id + ".jpg", "feeder", "Passer domesticus", "House Sparrow", 0.9,
                true, true, "notified: every", null, new Region(10, 20, 30, 40, 640, 480));
    }

    private static OutboxEntry entry(String photoKey, String version, Instant time, Sighting sighting,
                                     String... channels) {
        ImageReference photo = new ImageReference("feeder", photoKey);
        return new OutboxEntry(OutboxEntry.idOf(photo, version), photo, version, time, sighting,
                "payload of " + photoKey + "\nwith = signs, \"quotes\", ünïcödé 鳥 and \\ backslashes\n",
                java.util.Arrays.stream(channels).map(c -> Delivery.pending(c, time)).toList());
    }

    @Test
    void recordsAnEntryWithItsSightingAndDeliveriesTogether() {
        OutboxEntry entry = entry("birds/a.jpg", "etag-1", NOON, sighting("s-1", NOON), "log", "mqtt");

        assertThat(store.outbox().record(entry)).isTrue();

        Store reopened = reopen(store);
        assertThat(reopened.outbox().find(entry.id())).contains(entry);
        assertThat(reopened.sightings().find("s-1")).contains(entry.sighting());
    }

    @Test
    void recordsAnEntryWithoutASightingOrDeliveries() {
        OutboxEntry entry = entry("birds/nothing.jpg", "etag-1", NOON, null);

        assertThat(store.outbox().record(entry)).isTrue();

        assertThat(reopen(store).outbox().find(entry.id())).contains(entry);
    }

    @Test
    void aSecondEntryForTheSamePhotoVersionIsRefusedAndChangesNothing() {
        OutboxEntry first = entry("birds/a.jpg", "etag-1", NOON, sighting("s-1", NOON), "log");
        OutboxEntry second = entry("birds/a.jpg", "etag-1", NOON.plusSeconds(5), sighting("s-2", NOON), "log",
                "mqtt");
        store.outbox().record(first);

        assertThat(store.outbox().record(second)).isFalse();

        assertThat(store.outbox().find(first.id())).contains(first);
        assertThat(store.sightings().find("s-2")).isEmpty();
    }

    @Test
    void anotherVersionOfThePhotoIsAnotherEntry() {
        OutboxEntry first = entry("birds/a.jpg", "etag-1", NOON, null, "log");
        OutboxEntry changed = entry("birds/a.jpg", "etag-2", NOON, null, "log");

        assertThat(store.outbox().record(first)).isTrue();
        assertThat(store.outbox().record(changed)).isTrue();

        assertThat(store.outbox().find(changed.id())).contains(changed);
    }

    @Test
    void findsNothingForAnUnknownId() {
        assertThat(store.outbox().find("photo-unknown")).isEmpty();
    }

    @Test
    void anUpdateChangesOnlyItsChannelAndIsKept() {
        OutboxEntry entry = entry("birds/a.jpg", "etag-1", NOON, sighting("s-1", NOON), "log", "mqtt");
        store.outbox().record(entry);
        Delivery delivered = entry.delivery("log").orElseThrow().delivered();
        Delivery retry = entry.delivery("mqtt").orElseThrow().failedAttempt("broker down: \"timeout\"\n2nd line",
                NOON.plusSeconds(2));

        store.outbox().update(entry.id(), delivered);
        store.outbox().update(entry.id(), retry);

        OutboxEntry found = reopen(store).outbox().find(entry.id()).orElseThrow();
        assertThat(found.deliveries()).containsExactly(delivered, retry);
        assertThat(found.payload()).isEqualTo(entry.payload());
    }

    @Test
    void anUpdateOfAnUnknownEntryOrChannelIsRefused() {
        OutboxEntry entry = entry("birds/a.jpg", "etag-1", NOON, null, "log");
        store.outbox().record(entry);

        assertThatThrownBy(() -> store.outbox().update("photo-unknown", Delivery.pending("log", NOON).delivered()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.outbox().update(entry.id(), Delivery.pending("sns", NOON).delivered()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(store.outbox().find(entry.id())).contains(entry);
    }

    @Test
    void listsEntriesWithADueDeliveryOldestFirstUpToTheLimit() {
        OutboxEntry early = entry("birds/early.jpg", "1", NOON, null, "log");
        OutboxEntry late = entry("birds/late.jpg", "1", NOON.plusSeconds(60), null, "log");
        OutboxEntry later = entry("birds/later.jpg", "1", NOON.plusSeconds(120), null, "log", "mqtt");
        OutboxEntry done = entry("birds/done.jpg", "1", NOON.minusSeconds(60), null, "log");
        OutboxEntry nobody = entry("birds/nobody.jpg", "1", NOON.minusSeconds(90), null);
        for (OutboxEntry e : List.of(later, done, early, late, nobody)) {
            store.outbox().record(e);
        }
        store.outbox().update(done.id(), done.deliveries().get(0).delivered());
        store.outbox().update(late.id(), late.deliveries().get(0).failedAttempt("down", NOON.plus(Duration.ofHours(1))));
        store.outbox().update(later.id(), later.deliveries().get(0).delivered());

        OutboxPort outbox = reopen(store).outbox();
        assertThat(outbox.due(NOON.plusSeconds(300), 10)).extracting(OutboxEntry::id)
                .containsExactly(early.id(), later.id());
        assertThat(outbox.due(NOON.plusSeconds(300), 1)).extracting(OutboxEntry::id).containsExactly(early.id());
        assertThat(outbox.due(NOON.plus(Duration.ofHours(2)), 10)).extracting(OutboxEntry::id)
                .containsExactly(early.id(), late.id(), later.id());
        assertThat(outbox.due(NOON.minusSeconds(1), 10)).isEmpty();
    }

    @Test
    void failedAndDeliveredEntriesAreNeverDue() {
        OutboxEntry entry = entry("birds/a.jpg", "1", NOON, null, "log", "mqtt");
        store.outbox().record(entry);
        store.outbox().update(entry.id(), entry.deliveries().get(0).delivered());
        store.outbox().update(entry.id(), entry.deliveries().get(1).failedAttempt("refused", null));

        assertThat(store.outbox().due(NOON.plus(Duration.ofDays(365)), 10)).isEmpty();
    }

    @Test
    void givesTheDeliveriesOfTheSightingsAskedFor() {
        OutboxEntry told = entry("birds/a.jpg", "1", NOON, sighting("s-1", NOON), "log", "mqtt");
        OutboxEntry silent = entry("birds/b.jpg", "1", NOON, sighting("s-2", NOON));
        OutboxEntry other = entry("birds/c.jpg", "1", NOON, sighting("s-3", NOON), "log");
        store.outbox().record(told);
        store.outbox().record(silent);
        store.outbox().record(other);
        Delivery delivered = told.deliveries().get(0).delivered();
        store.outbox().update(told.id(), delivered);

        OutboxPort reopened = reopen(store).outbox();
        Map<String, List<Delivery>> found = reopened.deliveriesOf(List.of("s-1", "s-2", "s-unknown"));

        assertThat(found).containsOnlyKeys("s-1");
        assertThat(found.get("s-1")).containsExactly(delivered, told.deliveries().get(1));
        assertThat(reopened.deliveriesOf(List.of())).isEmpty();
    }

    @Test
    void countsPendingAndFailedDeliveries() {
        OutboxEntry a = entry("birds/a.jpg", "1", NOON, null, "log", "mqtt", "sns");
        OutboxEntry b = entry("birds/b.jpg", "1", NOON, null, "log");
        store.outbox().record(a);
        store.outbox().record(b);
        assertThat(store.outbox().counts()).isEqualTo(new OutboxPort.Counts(4, 0));

        store.outbox().update(a.id(), a.deliveries().get(0).delivered());
        store.outbox().update(a.id(), a.deliveries().get(1).failedAttempt("refused", null));
        store.outbox().update(b.id(), b.deliveries().get(0).failedAttempt("down", NOON.plusSeconds(2)));

        assertThat(reopen(store).outbox().counts()).isEqualTo(new OutboxPort.Counts(2, 1));
    }
}
