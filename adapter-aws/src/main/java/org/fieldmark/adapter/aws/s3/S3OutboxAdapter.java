package org.fieldmark.adapter.aws.s3;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import org.fieldmark.adapter.aws.AwsErrors;
import org.fieldmark.adapter.aws.s3.SightingJson.FlatJson;
import org.fieldmark.application.error.StorageUnavailableException;
import org.fieldmark.wire.json.JsonText;
import org.fieldmark.application.port.out.Delivery;
import org.fieldmark.application.port.out.ImageReference;
import org.fieldmark.application.port.out.OutboxEntry;
import org.fieldmark.application.port.out.OutboxPort;
import org.fieldmark.application.port.out.SightingRepository;
import org.fieldmark.domain.sighting.Sighting;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * The Lambda's outbox in S3, beside its bird log: one JSON object per photo entry
 * ({@code <prefix>outbox/entries/<id>}) holding the sighting, the payload and every channel's
 * delivery. It is created with {@code If-None-Match: *}, so of two invocations for the same photo
 * exactly one records it; the sighting is saved into the bird log right after, and put back from
 * the entry by {@link #find} if a crash came between. A delivery's new state rewrites the entry
 * with {@code If-Match} on its ETag. Small marker objects list the entries with pending or failed
 * deliveries and map sightings to entries, so nothing scans the whole outbox.
 */
public final class S3OutboxAdapter implements OutboxPort {

    private static final int WRITE_ATTEMPTS = 5;

    private final S3Client s3;
    private final String bucket;
    private final String root;
    private final SightingRepository sightings;

    /** An outbox under {@code <prefix>outbox/} of the settings' bucket whose sightings go to {@code sightings}. */
    public S3OutboxAdapter(S3Client s3, S3SightingSettings settings, SightingRepository sightings) {
        this.s3 = Objects.requireNonNull(s3, "s3");
        this.bucket = settings.bucket();
        this.root = settings.prefix() + "outbox/";
        this.sightings = Objects.requireNonNull(sightings, "sightings");
    }

    @Override
    public boolean record(OutboxEntry entry) {
        Objects.requireNonNull(entry, "entry");
        return guarded("record outbox entry '" + entry.id() + "' in", () -> {
            // Markers first: one without its entry is skipped (and removed) by readers, an entry
            // without its marker would be lost to the timer.
            markers(null, entry);
            if (entry.sighting() != null) {
                put(root + "by-sighting/" + entry.sighting().id(), entry.id(), null, null);
            }
            if (!put(entryKey(entry.id()), write(entry), "*", null)) {
                return false;
            }
            saveSighting(entry.sighting());
            return true;
        });
    }

    @Override
    public Optional<OutboxEntry> find(String id) {
        return guarded("find outbox entry '" + id + "' in", () -> read(id).map(stored -> {
            if (stored.entry().sighting() != null && sightings.find(stored.entry().sighting().id()).isEmpty()) {
                saveSighting(stored.entry().sighting());
            }
            return stored.entry();
        }));
    }

    @Override
    public void update(String entryId, Delivery delivery) {
        Objects.requireNonNull(delivery, "delivery");
        guarded("update a delivery of outbox entry '" + entryId + "' in", () -> {
            for (int attempt = 1; attempt <= WRITE_ATTEMPTS; attempt++) {
                Stored stored = read(entryId).orElseThrow(() -> new IllegalArgumentException("no outbox entry has"
                        + " the id '" + entryId + "'"));
                OutboxEntry changed = stored.entry().with(delivery);
                if (put(entryKey(entryId), write(changed), null, stored.eTag())) {
                    markers(stored.entry(), changed);
                    return null;
                }
            }
            throw new StorageUnavailableException("outbox entry s3://" + bucket + "/" + entryKey(entryId)
                    + " kept changing while a delivery was written; try again", true);
        });
    }

    @Override
    public List<OutboxEntry> due(Instant dueBy, int limit) {
        return guarded("list due deliveries in", () -> marked("pending/").stream()
                .filter(e -> e.deliveries().stream().anyMatch(d -> d.pending() && !d.nextAttempt().isAfter(dueBy)))
                .sorted(Comparator.comparing(OutboxEntry::time).thenComparing(OutboxEntry::id))
                .limit(limit)
                .toList());
    }

    @Override
    public Map<String, List<Delivery>> deliveriesOf(Collection<String> sightingIds) {
        return guarded("read the deliveries of sightings from", () -> {
            Map<String, List<Delivery>> found = new LinkedHashMap<>();
            for (String sightingId : sightingIds) {
                text(root + "by-sighting/" + sightingId).flatMap(id -> read(id.text()))
                        .filter(stored -> !stored.entry().deliveries().isEmpty())
                        .ifPresent(stored -> found.put(sightingId, stored.entry().deliveries()));
            }
            return found;
        });
    }

    @Override
    public Counts counts() {
        return guarded("count the deliveries in", () -> {
            long pending = count(marked("pending/"), Delivery.State.PENDING);
            long failed = count(marked("failed/"), Delivery.State.FAILED);
            return new Counts(pending, failed);
        });
    }

    private static long count(List<OutboxEntry> entries, Delivery.State state) {
        return entries.stream().flatMap(e -> e.deliveries().stream()).filter(d -> d.state() == state).count();
    }

    private List<OutboxEntry> marked(String kind) {
        List<OutboxEntry> entries = new ArrayList<>();
        String prefix = root + kind;
        String token = null;
        do {
            String continuation = token;
            var page = s3.listObjectsV2(r -> r.bucket(bucket).prefix(prefix).continuationToken(continuation));
            for (S3Object object : page.contents()) {
                read(object.key().substring(prefix.length())).ifPresent(stored -> entries.add(stored.entry()));
            }
            token = Boolean.TRUE.equals(page.isTruncated()) ? page.nextContinuationToken() : null;
        } while (token != null);
        return entries;
    }

    /**
     * Puts the pending and failed markers the entry needs, and removes those only {@code before} (the entry as
     * stored, {@code null} for a new one) needed. A marker that was never written is not deleted: that was one
     * wasted S3 request per marker and write (issue 17), and a stale marker left by a crash is harmless, since
     * readers check the entry itself; a needed marker is always put again, so a lost one comes back.
     */
    private void markers(OutboxEntry before, OutboxEntry entry) {
        marker("pending/", entry.id(), entry.hasPending(), before != null && before.hasPending());
        marker("failed/", entry.id(), failed(entry), before != null && failed(before));
    }

    private static boolean failed(OutboxEntry entry) {
        return entry.deliveries().stream().anyMatch(d -> d.state() == Delivery.State.FAILED);
    }

    private void marker(String kind, String id, boolean present, boolean wasPresent) {
        if (present) {
            put(root + kind + id, id, null, null);
        } else if (wasPresent) {
            s3.deleteObject(r -> r.bucket(bucket).key(root + kind + id));
        }
    }

    private void saveSighting(Sighting sighting) {
        if (sighting == null) {
            return;
        }
        try {
            sightings.save(sighting);
        } catch (IllegalArgumentException alreadyStored) {
            // saved by an earlier attempt: nothing to repair
        }
    }

    private String entryKey(String id) {
        return root + "entries/" + id;
    }

    private record Stored(OutboxEntry entry, String eTag) {
    }

    private record Text(String text, String eTag) {
    }

    private Optional<Stored> read(String id) {
        String key = entryKey(id);
        return text(key).map(text -> {
            try {
                return new Stored(entry(id, FlatJson.parse(text.text())), text.eTag());
            } catch (IllegalArgumentException | ClassCastException | NullPointerException e) {
                throw new StorageUnavailableException("s3://" + bucket + "/" + key + " is not an outbox entry this"
                        + " store wrote (" + e.getMessage() + "); fix or delete it", false, e);
            }
        });
    }

    private Optional<Text> text(String key) {
        try {
            ResponseBytes<GetObjectResponse> bytes = s3.getObjectAsBytes(r -> r.bucket(bucket).key(key));
            return Optional.of(new Text(bytes.asString(StandardCharsets.UTF_8), bytes.response().eTag()));
        } catch (NoSuchKeyException e) {
            return Optional.empty();
        }
    }

    /** {@code false} when the condition failed: the object exists ({@code ifNoneMatch}) or changed ({@code ifMatch}). */
    private boolean put(String key, String body, String ifNoneMatch, String ifMatch) {
        try {
            s3.putObject(r -> r.bucket(bucket).key(key).contentType("application/json").ifNoneMatch(ifNoneMatch)
                    .ifMatch(ifMatch), RequestBody.fromString(body, StandardCharsets.UTF_8));
            return true;
        } catch (S3Exception e) {
            if ((ifNoneMatch != null || ifMatch != null) && (e.statusCode() == 412 || e.statusCode() == 409)) {
                return false;
            }
            throw e;
        }
    }

    private static String write(OutboxEntry entry) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("bucket", entry.photo().bucket());
        json.put("key", entry.photo().key());
        json.put("version", entry.version());
        json.put("time", entry.time().toString());
        json.put("sighting", entry.sighting() == null ? null : SightingJson.write(entry.sighting()));
        json.put("payload", entry.payload());
        json.put("deliveries", entry.deliveries().size());
        for (int i = 0; i < entry.deliveries().size(); i++) {
            Delivery d = entry.deliveries().get(i);
            json.put("delivery." + i + ".channel", d.channel());
            json.put("delivery." + i + ".state", d.state().name());
            json.put("delivery." + i + ".attempts", d.attempts());
            json.put("delivery." + i + ".lastError", d.lastError());
            json.put("delivery." + i + ".nextAttempt", d.nextAttempt() == null ? null : d.nextAttempt().toString());
        }
        return JsonText.of(json);
    }

    private static OutboxEntry entry(String id, Map<String, Object> json) {
        List<Delivery> deliveries = new ArrayList<>();
        int count = ((Double) json.get("deliveries")).intValue();
        for (int i = 0; i < count; i++) {
            String at = "delivery." + i + ".";
            String next = (String) json.get(at + "nextAttempt");
            deliveries.add(new Delivery((String) json.get(at + "channel"),
                    Delivery.State.valueOf((String) json.get(at + "state")), ((Double) json.get(at + "attempts")).intValue(),
                    (String) json.get(at + "lastError"), next == null ? null : Instant.parse(next)));
        }
        String sighting = (String) json.get("sighting");
        return new OutboxEntry(id, new ImageReference((String) json.get("bucket"), (String) json.get("key")),
                (String) json.get("version"), Instant.parse((String) json.get("time")),
                sighting == null ? null : SightingJson.read(sighting), (String) json.get("payload"), deliveries);
    }

    /** Runs S3 calls, turning S3's failures into the application's. */
    private <T> T guarded(String what, Supplier<T> calls) {
        String where = "the outbox s3://" + bucket + "/" + root;
        try {
            return calls.get();
        } catch (S3Exception e) {
            throw S3Failures.of(e, what, where, bucket + "/" + root);
        } catch (SdkClientException e) {
            throw S3Failures.of(e, what, where);
        }
    }
}
