package org.fieldmark.adapter.aws.s3;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.fieldmark.adapter.aws.AwsErrors;
import org.fieldmark.adapter.aws.s3.SightingJson.Marker;
import org.fieldmark.adapter.aws.s3.SightingKeys.Entry;
import org.fieldmark.application.error.StorageUnavailableException;
import org.fieldmark.application.port.out.SightingCursor;
import org.fieldmark.application.port.out.SightingPage;
import org.fieldmark.application.port.out.SightingQuery;
import org.fieldmark.application.port.out.SightingRepository;
import org.fieldmark.domain.sighting.Review;
import org.fieldmark.domain.sighting.Sighting;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CommonPrefix;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * The Lambda's bird log in S3: one JSON object per sighting under its UTC day
 * ({@link SightingKeys} has the layout). Time queries list only the days they cover, found by
 * listing year, month and day "folders", so a cooldown or first-of-day check costs a few LIST
 * calls whatever the size of the log. Keys carry time, id, notified flag and species, so the
 * history questions need no GET; "recorded before" reads one small per-species marker (the
 * earliest sighting), and {@link #find} reads one id index object and then the sighting.
 * A review rewrites the object under its new key and fixes the markers. Stateless and
 * thread-safe (the SDK client is). Concurrent writers of the same species' first sighting can
 * race on its marker; Fieldmark's Lambda records each photo once, so that is accepted.
 */
public final class S3SightingRepositoryAdapter implements SightingRepository {

    private static final Comparator<Entry> CHRONOLOGICAL =
            Comparator.comparing(Entry::time).thenComparing(Entry::id);

    private final S3Client s3;
    private final String bucket;
    private final SightingKeys keys;
    /** Keys per listing page; {@code null} for S3's own (1,000). */
    private final Integer maxKeys;
    private final S3Thumbnails thumbnails;

    public S3SightingRepositoryAdapter(S3Client s3, S3SightingSettings settings) {
        this(s3, settings, null);
    }

    /** With listing pages of at most {@code maxKeys} keys, so tests can page through a few sightings. */
    S3SightingRepositoryAdapter(S3Client s3, S3SightingSettings settings, Integer maxKeys) {
        this.s3 = Objects.requireNonNull(s3, "s3");
        this.bucket = settings.bucket();
        this.keys = new SightingKeys(settings.prefix());
        if (maxKeys != null && maxKeys < 1) {
            throw new IllegalArgumentException("a listing page holds at least 1 key, not " + maxKeys);
        }
        this.maxKeys = maxKeys;
        this.thumbnails = new S3Thumbnails(s3, bucket, keys);
    }

    @Override
    public void save(Sighting sighting) {
        Objects.requireNonNull(sighting, "sighting");
        String key = keys.sightingKey(sighting);
        guarded("save sighting '" + sighting.id() + "' to", () -> {
            if (read(keys.idKey(sighting.id())).isPresent()) {
                throw new IllegalArgumentException("a sighting with id '" + sighting.id() + "' is already stored");
            }
            put(key, SightingJson.write(sighting));
            put(keys.idKey(sighting.id()), SightingJson.writeIndex(key));
            if (sighting.countsAsBird()) {
                noteFirst(sighting.speciesKey(), sighting.time(), sighting.id());
            }
            return null;
        });
    }

    @Override
    public Optional<Sighting> find(String id) {
        return guarded("find sighting '" + id + "' in", () -> locate(id).map(Located::sighting));
    }

    @Override
    public Optional<Sighting> review(String id, Review review) {
        Objects.requireNonNull(review, "review");
        return guarded("review sighting '" + id + "' in", () -> rewrite(id, before -> before.withReview(review)));
    }

    @Override
    public void replace(Sighting sighting) {
        Objects.requireNonNull(sighting, "sighting");
        if (guarded("replace sighting '" + sighting.id() + "' in", () -> rewrite(sighting.id(), before -> sighting))
                .isEmpty()) {
            throw new IllegalArgumentException("no sighting with id '" + sighting.id() + "' is stored to replace");
        }
    }

    /** Writes {@code change} of the stored sighting {@code id} under its (maybe new) key; empty when none is stored. */
    private Optional<Sighting> rewrite(String id, UnaryOperator<Sighting> change) {
        Optional<Located> found = locate(id);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        Sighting before = found.get().sighting();
        Sighting after = change.apply(before);
        String newKey = keys.sightingKey(after);
        put(newKey, SightingJson.write(after));
        if (!newKey.equals(found.get().key())) {
            put(keys.idKey(id), SightingJson.writeIndex(newKey));
            s3.deleteObject(r -> r.bucket(bucket).key(found.get().key()));
        }
        if (after.countsAsBird()) {
            noteFirst(after.speciesKey(), after.time(), id);
        }
        if (before.countsAsBird() && !(after.countsAsBird() && after.speciesKey().equals(before.speciesKey()))) {
            Optional<Marker> marker = marker(before.speciesKey());
            if (marker.isPresent() && marker.get().id().equals(id)) {
                recomputeFirst(before.speciesKey(), marker.get().first());
            }
        }
        return Optional.of(after);
    }

    @Override
    public List<Sighting> between(Instant from, Instant toExclusive) {
        if (!from.isBefore(toExclusive)) {
            return List.of();
        }
        return guarded("list sightings from", () -> days(SightingKeys.day(from),
                SightingKeys.day(toExclusive.minusNanos(1)), false)
                .flatMap(day -> entries(day).stream())
                .filter(e -> !e.time().isBefore(from) && e.time().isBefore(toExclusive))
                .map(this::load)
                .toList());
    }

    @Override
    public SightingPage page(SightingQuery query) {
        SightingCursor read = SightingCursor.parse(query.cursor());
        // Keys hold times within the years S3 keys can name; a cursor outside them is clamped.
        SightingCursor after = read == null ? null : new SightingCursor(SightingKeys.clamp(read.time()), read.id());
        LocalDate newest = query.toExclusive() == null ? null : SightingKeys.day(query.toExclusive().minusNanos(1));
        if (after != null && (newest == null || SightingKeys.day(after.time()).isBefore(newest))) {
            newest = SightingKeys.day(after.time());
        }
        LocalDate oldest = query.from() == null ? null : SightingKeys.day(query.from());
        LocalDate upTo = newest;
        return guarded("page through", () -> {
            List<Entry> selected = new ArrayList<>();
            for (LocalDate day : (Iterable<LocalDate>) days(oldest, upTo, true)::iterator) {
                List<Entry> entries = new ArrayList<>(entries(day));
                entries.sort(CHRONOLOGICAL.reversed());
                for (Entry e : entries) {
                    if ((query.from() == null || !e.time().isBefore(query.from()))
                            && (query.toExclusive() == null || e.time().isBefore(query.toExclusive()))
                            && (query.species() == null || e.isSpecies(query.species()))
                            && (after == null || after.precedes(e.time(), e.id()))) {
                        selected.add(e);
                        if (selected.size() > query.limit()) {
                            List<Sighting> page = selected.subList(0, query.limit()).stream().map(this::load).toList();
                            return new SightingPage(page, SightingCursor.after(page.get(page.size() - 1)));
                        }
                    }
                }
            }
            return new SightingPage(selected.stream().map(this::load).toList(), null);
        });
    }

    @Override
    public Optional<Instant> lastNotified(String scientificName, Instant since) {
        return guarded("look up the last notification of " + scientificName + " in", () -> {
            for (LocalDate day : (Iterable<LocalDate>) days(SightingKeys.day(since), null, true)::iterator) {
                Optional<Instant> latest = entries(day).stream()
                        .filter(e -> e.notified() && e.isSpecies(scientificName) && !e.time().isBefore(since))
                        .map(Entry::time)
                        .max(Comparator.naturalOrder());
                if (latest.isPresent()) {
                    return latest;
                }
            }
            return Optional.empty();
        });
    }

    @Override
    public boolean recordedBefore(String scientificName, Instant before) {
        return guarded("look up the first sighting of " + scientificName + " in",
                () -> marker(Sighting.key(scientificName)).map(m -> m.first().isBefore(before)).orElse(false));
    }

    @Override
    public boolean recordedBetween(String scientificName, Instant from, Instant toExclusive) {
        if (!from.isBefore(toExclusive)) {
            return false;
        }
        return guarded("look up sightings of " + scientificName + " in", () -> days(SightingKeys.day(from),
                SightingKeys.day(toExclusive.minusNanos(1)), false)
                .anyMatch(day -> entries(day).stream().anyMatch(e -> e.isSpecies(scientificName)
                        && !e.time().isBefore(from) && e.time().isBefore(toExclusive))));
    }

    @Override
    public void saveThumbnail(String sightingId, byte[] jpeg) {
        Objects.requireNonNull(jpeg, "jpeg");
        guarded("save the thumbnail of sighting '" + sightingId + "' to", () -> {
            if (read(keys.idKey(sightingId)).isEmpty()) {
                throw new IllegalArgumentException("no sighting has the id '" + sightingId + "'; save it first");
            }
            thumbnails.put(sightingId, jpeg);
            return null;
        });
    }

    @Override
    public Optional<byte[]> thumbnail(String sightingId) {
        return guarded("read the thumbnail of sighting '" + sightingId + "' from", () -> thumbnails.get(sightingId));
    }

    @Override
    public boolean hasThumbnail(String sightingId) {
        return guarded("look up the thumbnail of sighting '" + sightingId + "' in",
                () -> thumbnails.exists(sightingId));
    }

    // ------------------------------------------------------------------ markers

    private Optional<Marker> marker(String speciesKey) {
        String key = keys.speciesKey(speciesKey);
        return read(key).map(text -> parsed(key, () -> SightingJson.readMarker(text)));
    }

    /** Makes the species' marker point at this sighting when it is earlier than the one it names. */
    private void noteFirst(String speciesKey, Instant time, String id) {
        Optional<Marker> marker = marker(speciesKey);
        if (marker.isEmpty() || time.isBefore(marker.get().first())
                || (time.equals(marker.get().first()) && id.compareTo(marker.get().id()) < 0)) {
            put(keys.speciesKey(speciesKey), SightingJson.writeMarker(new Marker(speciesKey, time, id)));
        }
    }

    /** The species' first sighting moved away (a review): find the next one from {@code from} on, by listing. */
    private void recomputeFirst(String speciesKey, Instant from) {
        Optional<Entry> first = days(SightingKeys.day(from), null, false)
                .map(day -> entries(day).stream().filter(e -> speciesKey.equals(e.speciesKey())).findFirst())
                .flatMap(Optional::stream)
                .findFirst();
        String key = keys.speciesKey(speciesKey);
        if (first.isPresent()) {
            put(key, SightingJson.writeMarker(new Marker(speciesKey, first.get().time(), first.get().id())));
        } else {
            s3.deleteObject(r -> r.bucket(bucket).key(key));
        }
    }

    // ------------------------------------------------------------------ listing

    /** The days that hold sightings within {@code [from, to]} (either may be null: open), in order. */
    private Stream<LocalDate> days(LocalDate from, LocalDate to, boolean newestFirst) {
        String root = keys.sightingsRoot();
        return children(root, newestFirst)
                .filter(y -> (from == null || y >= from.getYear()) && (to == null || y <= to.getYear()))
                .flatMap(y -> children(String.format("%s%04d/", root, y), newestFirst)
                        .filter(m -> m >= 1 && m <= 12)
                        .map(m -> YearMonth.of(y, m))
                        .filter(ym -> (from == null || !ym.isBefore(YearMonth.from(from)))
                                && (to == null || !ym.isAfter(YearMonth.from(to))))
                        .flatMap(ym -> children(String.format("%s%04d/%02d/", root, ym.getYear(), ym.getMonthValue()),
                                newestFirst)
                                .filter(ym::isValidDay)
                                .map(ym::atDay)
                                .filter(d -> (from == null || !d.isBefore(from)) && (to == null || !d.isAfter(to)))));
    }

    /** The numeric "folder" names right under {@code prefix}, sorted. */
    private Stream<Integer> children(String prefix, boolean descending) {
        List<Integer> numbers = new ArrayList<>();
        for (ListObjectsV2Response page : pages(prefix, "/")) {
            for (CommonPrefix child : page.commonPrefixes()) {
                String name = child.prefix().substring(prefix.length(), child.prefix().length() - 1);
                if (!name.isEmpty() && name.length() <= 4 && name.chars().allMatch(Character::isDigit)) {
                    numbers.add(Integer.parseInt(name));
                }
            }
        }
        numbers.sort(descending ? Comparator.reverseOrder() : Comparator.naturalOrder());
        return numbers.stream();
    }

    /**
     * Every page of a listing, following continuation tokens. Not the SDK's paginator: the Lambda
     * jar leaves the paginator classes out (issue 5's size goal), and this is all they would do.
     */
    private List<ListObjectsV2Response> pages(String prefix, String delimiter) {
        List<ListObjectsV2Response> pages = new ArrayList<>();
        String token = null;
        do {
            String continuation = token;
            ListObjectsV2Response page = s3.listObjectsV2(r -> r.bucket(bucket).prefix(prefix).delimiter(delimiter)
                    .maxKeys(maxKeys).continuationToken(continuation));
            pages.add(page);
            token = Boolean.TRUE.equals(page.isTruncated()) ? page.nextContinuationToken() : null;
        } while (token != null);
        return pages;
    }

    /** The sightings of one day, oldest first (ties by id), from their keys alone. */
    private List<Entry> entries(LocalDate day) {
        List<Entry> entries = new ArrayList<>();
        for (ListObjectsV2Response page : pages(keys.dayPrefix(day), null)) {
            for (S3Object object : page.contents()) {
                keys.parse(object.key()).ifPresent(entries::add);
            }
        }
        entries.sort(CHRONOLOGICAL);
        return entries;
    }

    // ------------------------------------------------------------------ objects

    private record Located(String key, Sighting sighting) {
    }

    private Optional<Located> locate(String id) {
        String indexKey = keys.idKey(id);
        Optional<String> index = read(indexKey);
        if (index.isEmpty()) {
            return Optional.empty();
        }
        String key = parsed(indexKey, () -> SightingJson.readIndex(index.get()));
        String text = read(key).orElseThrow(() -> new StorageUnavailableException("the id index s3://" + bucket + "/"
                + indexKey + " points to s3://" + bucket + "/" + key + ", which is missing; delete the index object"
                + " or restore the sighting", false));
        return Optional.of(new Located(key, parsed(key, () -> SightingJson.read(text))));
    }

    private Sighting load(Entry entry) {
        String text = read(entry.key()).orElseThrow(() -> new StorageUnavailableException("sighting s3://" + bucket
                + "/" + entry.key() + " disappeared while it was being read; try again", true));
        return parsed(entry.key(), () -> SightingJson.read(text));
    }

    private <T> T parsed(String key, Supplier<T> parse) {
        try {
            return parse.get();
        } catch (IllegalArgumentException e) {
            throw new StorageUnavailableException("s3://" + bucket + "/" + key + " is not an object this sightings"
                    + " store wrote (" + e.getMessage() + "); fix or delete it", false, e);
        }
    }

    private Optional<String> read(String key) {
        try {
            return Optional.of(s3.getObjectAsBytes(r -> r.bucket(bucket).key(key)).asString(StandardCharsets.UTF_8));
        } catch (NoSuchKeyException e) {
            return Optional.empty();
        }
    }

    private void put(String key, String json) {
        s3.putObject(r -> r.bucket(bucket).key(key).contentType("application/json"),
                RequestBody.fromString(json, StandardCharsets.UTF_8));
    }

    /** Runs S3 calls, turning S3's failures into the application's. */
    private <T> T guarded(String what, Supplier<T> calls) {
        String where = "the sightings store s3://" + bucket + "/" + keys.sightingsRoot();
        try {
            return calls.get();
        } catch (NoSuchBucketException e) {
            throw new StorageUnavailableException("could not " + what + " " + where + ": bucket '" + bucket
                    + "' does not exist (" + AwsErrors.describe(e) + "); create it or set SIGHTINGS_BUCKET to the"
                    + " bucket that keeps the bird log", false, e);
        } catch (S3Exception e) {
            throw S3Failures.of(e, what, where, bucket + "/" + keys.sightingsRoot().replaceFirst("sightings/$", ""));
        } catch (SdkClientException e) {
            throw S3Failures.of(e, what, where);
        }
    }
}
