package org.fieldmark.adapter.aws.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.fieldmark.adapter.aws.AwsClientSettings;
import org.fieldmark.adapter.aws.AwsClients;
import org.fieldmark.adapter.aws.testing.Fault;
import org.fieldmark.adapter.aws.testing.FaultyS3;
import org.fieldmark.adapter.aws.testing.S3ProxyServer;
import org.fieldmark.application.error.ErrorCode;
import org.fieldmark.application.error.FieldmarkException;
import org.fieldmark.application.port.out.SightingPage;
import org.fieldmark.application.port.out.SightingQuery;
import org.fieldmark.application.port.out.SightingRepository;
import org.fieldmark.application.testing.SightingRepositoryContract;
import org.fieldmark.domain.sighting.Review;
import org.fieldmark.domain.sighting.Sighting;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/** The S3 log with the real SDK client against s3proxy (each test under its own prefix), and against a failing S3. */
class S3SightingRepositoryAdapterTest extends SightingRepositoryContract {

    private static final String BUCKET = "sightings";
    private static final AtomicInteger PREFIXES = new AtomicInteger();
    private static S3ProxyServer s3;
    private static FaultyS3 faulty;
    private static S3Client client;
    private static final AtomicInteger REQUESTS = new AtomicInteger();
    private String prefix;

    @BeforeAll
    static void startS3() {
        s3 = new S3ProxyServer();
        s3.createBucket(BUCKET);
        faulty = new FaultyS3();
        client = countingClient(s3.endpoint());
    }

    @AfterAll
    static void stopS3() {
        client.close();
        s3.close();
        faulty.close();
    }

    /** A real SDK client addressed like the Lambda's (path style), plus an interceptor counting requests sent. */
    private static S3Client countingClient(URI endpoint) {
        ExecutionInterceptor counter = new ExecutionInterceptor() {
            @Override
            public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
                REQUESTS.incrementAndGet();
            }
        };
        return S3Client.builder()
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .region(Region.of(S3ProxyServer.REGION))
                .credentialsProvider(S3ProxyServer.credentials())
                .endpointOverride(endpoint)
                .forcePathStyle(true)
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                // Plain bodies, as AwsClients sends to a stand-in: s3proxy leaves an aws-chunked one's end unread.
                .serviceConfiguration(c -> c.chunkedEncodingEnabled(false))
                .overrideConfiguration(o -> o.addExecutionInterceptor(counter))
                .build();
    }

    @Override
    protected SightingRepository emptyRepository() {
        prefix = "test-" + PREFIXES.incrementAndGet() + "/fieldmark/";
        return new S3SightingRepositoryAdapter(client, new S3SightingSettings(BUCKET, prefix));
    }

    @Override
    protected SightingRepository reopen(SightingRepository current) {
        return new S3SightingRepositoryAdapter(client, new S3SightingSettings(BUCKET, prefix));
    }

    private List<String> keysUnder(String under) {
        return client.listObjectsV2Paginator(r -> r.bucket(BUCKET).prefix(prefix + under)).contents().stream()
                .map(o -> o.key().substring(prefix.length())).toList();
    }

    private String text(String key) {
        return client.getObjectAsBytes(r -> r.bucket(BUCKET).key(prefix + key)).asString(StandardCharsets.UTF_8);
    }

    @Test
    void keepsOneJsonObjectPerSightingUnderItsUtcDayWithAnIdIndexAndASpeciesMarker() {
        Instant lateEvening = Instant.parse("2026-11-29T23:30:00.5Z");
        repository.save(sighting("cam1-0001", lateEvening, "Passer domesticus", true));

        assertThat(keysUnder("sightings/")).containsExactly(
                "sightings/2026/11/29/20261129T233000.500000000Z_cam1-0001_n_passer%20domesticus.json");
        assertThat(text("sightings/2026/11/29/20261129T233000.500000000Z_cam1-0001_n_passer%20domesticus.json"))
                .contains("\"id\":\"cam1-0001\"", "\"time\":\"2026-11-29T23:30:00.500Z\"", "\"notified\":true");
        assertThat(text("ids/cam1-0001.json")).contains("sightings/2026/11/29/");
        assertThat(text("species/passer%20domesticus.json")).contains("\"first\":\"2026-11-29T23:30:00.500Z\"");
    }

    @Test
    void keepsALocatedBirdsRegionAsFlatFieldsAndItsThumbnailBesideTheIdIndex() {
        repository.save(located("boxed", NOON, new org.fieldmark.domain.region.Region(512, 288, 256, 170, 1280, 720)));
        repository.saveThumbnail("boxed", new byte[] {(byte) 0xFF, (byte) 0xD8, 1});

        assertThat(text(keysUnder("sightings/").get(0))).contains("\"regionX\":512,\"regionY\":288,"
                + "\"regionWidth\":256,\"regionHeight\":170,\"regionImageWidth\":1280,\"regionImageHeight\":720");
        assertThat(keysUnder("thumbnails/")).containsExactly("thumbnails/boxed.jpg");
        assertThat(client.headObject(r -> r.bucket(BUCKET).key(prefix + "thumbnails/boxed.jpg")).contentType())
                .isEqualTo("image/jpeg");
        repository.save(sighting("plain", NOON, "Passer domesticus", true));
        assertThat(text(keysUnder("sightings/").stream().filter(k -> k.contains("_plain_")).findFirst().orElseThrow()))
                .as("a sighting without a region is written as before").doesNotContain("region");
    }

    @Test
    void readsASightingWrittenBeforeBirdsWereLocatedWithoutARegion() {
        String key = "sightings/2026/11/29/20261129T120000.000000000Z_old_n_pica%20pica.json";
        client.putObject(r -> r.bucket(BUCKET).key(prefix + key), software.amazon.awssdk.core.sync.RequestBody.fromString(
                "{\"format\":1,\"id\":\"old\",\"time\":\"2026-11-29T12:00:00Z\",\"sourceKey\":\"k\","
                        + "\"source\":\"feeder\",\"scientificName\":\"Pica pica\",\"displayName\":\"Magpie\","
                        + "\"probability\":0.9,\"confident\":true,\"notified\":true,\"reason\":\"r\","
                        + "\"reviewScientificName\":null,\"reviewNotABird\":false}"));
        client.putObject(r -> r.bucket(BUCKET).key(prefix + "ids/old.json"),
                software.amazon.awssdk.core.sync.RequestBody.fromString("{\"key\":\"" + prefix + key + "\"}"));

        assertThat(repository.find("old")).get().satisfies(old -> {
            assertThat(old.region()).isNull();
            assertThat(old.displayName()).isEqualTo("Magpie");
        });
        assertThat(repository.hasThumbnail("old")).isFalse();
    }

    @Test
    void aReviewMovesTheObjectToItsNewKeyAndLeavesNoCopyBehind() {
        repository.save(sighting("r", NOON, "Passer domesticus", false));

        repository.review("r", Review.species("Erithacus rubecula"));
        repository.review("r", Review.notABirdAtAll());

        assertThat(keysUnder("sightings/")).singleElement().asString().endsWith("_r_q_.json");
        assertThat(keysUnder("species/")).as("no species has a first sighting any more").isEmpty();
    }

    @Test
    void aCooldownCheckListsOnlyTheDaysItCoversHoweverLongTheLogIs() {
        Instant start = NOON.minus(Duration.ofDays(900));
        for (int day = 0; day < 900; day += 7) {
            repository.save(sighting("old-" + day, start.plus(Duration.ofDays(day)), "Passer domesticus", true));
        }
        repository.save(sighting("recent", NOON.minus(Duration.ofMinutes(10)), "Passer domesticus", true));

        int before = REQUESTS.get();
        assertThat(repository.lastNotified("Passer domesticus", NOON.minus(Duration.ofMinutes(30))))
                .contains(NOON.minus(Duration.ofMinutes(10)));
        int cooldown = REQUESTS.get() - before;
        before = REQUESTS.get();
        assertThat(repository.recordedBetween("Passer domesticus", Instant.parse("2026-11-29T00:00:00Z"),
                Instant.parse("2026-11-30T00:00:00Z"))).isTrue();
        int firstOfDay = REQUESTS.get() - before;
        before = REQUESTS.get();
        assertThat(repository.recordedBefore("Passer domesticus", NOON.minus(Duration.ofDays(800)))).isTrue();
        int newSpecies = REQUESTS.get() - before;

        // years, months, days of the month, the day's objects
        assertThat(cooldown).isEqualTo(4);
        assertThat(firstOfDay).isEqualTo(4);
        assertThat(newSpecies).as("one marker read").isEqualTo(1);
    }

    /** One bad object or failing S3, the call that meets it, and what the error must say. */
    record Case(String name, Consumer<String> prepare, Consumer<SightingRepository> call, URI endpoint, String bucket,
                boolean retryable, List<String> mentions) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Arguments> badInputs() {
        String day = "sightings/2026/11/29/";
        String good = "fieldmark/";
        Consumer<String> nothing = p -> { };
        Consumer<SightingRepository> save = r -> r.save(sighting("x", NOON, "Pica pica", true));
        Consumer<SightingRepository> list = r -> r.between(NOON.minusSeconds(60), NOON.plusSeconds(60));
        URI proxy = s3.endpoint();
        return Stream.of(
                new Case("corrupt sighting object", p -> s3.put(BUCKET, p + day + "20261129T120000.000000000Z_x_n_pica%20pica.json",
                        "{\"id\": \"x\", ".getBytes(StandardCharsets.UTF_8), "application/json"), list, proxy, BUCKET,
                        false, List.of("20261129T120000.000000000Z_x_n_pica%20pica.json", "Unexpected end-of-input", "fix or delete")),
                new Case("sighting object with a missing field", p -> s3.put(BUCKET, p + day
                        + "20261129T120000.000000000Z_x_n_pica%20pica.json", "{\"id\": \"x\"}".getBytes(
                        StandardCharsets.UTF_8), "application/json"), list, proxy, BUCKET, false,
                        List.of("20261129T120000.000000000Z_x_n_pica%20pica.json", "is missing")),
                new Case("corrupt id index", p -> s3.put(BUCKET, p + "ids/x.json", "[1, 2]".getBytes(StandardCharsets.UTF_8),
                        "application/json"), r -> r.find("x"), proxy, BUCKET, false, List.of("ids/x.json", "expected '{'")),
                new Case("id index pointing nowhere", p -> s3.put(BUCKET, p + "ids/x.json",
                        "{\"key\": \"gone.json\"}".getBytes(StandardCharsets.UTF_8), "application/json"),
                        r -> r.find("x"), proxy, BUCKET, false, List.of("ids/x.json", "gone.json", "missing")),
                new Case("region field not a whole number", p -> s3.put(BUCKET, p + day
                        + "20261129T120000.000000000Z_x_n_pica%20pica.json", ("{\"id\":\"x\",\"time\":"
                        + "\"2026-11-29T12:00:00Z\",\"sourceKey\":\"k\",\"source\":\"f\",\"scientificName\":"
                        + "\"Pica pica\",\"displayName\":\"\",\"probability\":0.5,\"confident\":false,"
                        + "\"notified\":true,\"reason\":\"r\",\"reviewNotABird\":false,\"regionX\":1.5,"
                        + "\"regionY\":0,\"regionWidth\":1,\"regionHeight\":1,\"regionImageWidth\":9,"
                        + "\"regionImageHeight\":9}").getBytes(StandardCharsets.UTF_8), "application/json"), list,
                        proxy, BUCKET, false, List.of("regionX", "whole number", "fix or delete")),
                new Case("corrupt species marker", p -> s3.put(BUCKET, p + "species/pica%20pica.json",
                        "{\"first\": 12}".getBytes(StandardCharsets.UTF_8), "application/json"),
                        r -> r.recordedBefore("Pica pica", NOON), proxy, BUCKET, false,
                        List.of("species/pica%20pica.json", "field 'species' is missing")),
                new Case("missing bucket", nothing, save, proxy, "no-such-bucket", false,
                        List.of("no-such-bucket", "does not exist", "SIGHTINGS_BUCKET")),
                new Case("S3 internal error", p -> faulty.failAlways(Fault.error(500, "InternalError", "oops")), save,
                        faulty.endpoint(), BUCKET, true, List.of("InternalError", "HTTP 500", "try again later")),
                new Case("S3 slow down", p -> faulty.failAlways(Fault.error(503, "SlowDown", "reduce your rate")), list,
                        faulty.endpoint(), BUCKET, true, List.of("SlowDown", "list sightings")),
                new Case("access denied", p -> faulty.failAlways(Fault.error(403, "AccessDenied", "Access Denied")),
                        r -> r.page(org.fieldmark.application.port.out.SightingQuery.latest(5)), faulty.endpoint(),
                        BUCKET, false, List.of("AccessDenied", "s3:PutObject", "arn:aws:s3:::sightings/")),
                new Case("nobody listening", nothing, save, URI.create("http://127.0.0.1:1"), BUCKET, true,
                        List.of("could not reach S3", "save sighting 'x'")))
                .map(Arguments::of);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badInputs")
    void reportsBadObjectsAndFailingS3AsStorageErrors(Case c) {
        String casePrefix = "bad-" + PREFIXES.incrementAndGet() + "/";
        c.prepare().accept(casePrefix);
        S3Client caseClient = new AwsClients(AwsClientSettings.local(S3ProxyServer.REGION, c.endpoint())
                .withMaxAttempts(1), S3ProxyServer.credentials()).s3();
        try {
            SightingRepository store = new S3SightingRepositoryAdapter(caseClient,
                    new S3SightingSettings(c.bucket(), casePrefix));

            assertThatThrownBy(() -> c.call().accept(store))
                    .isInstanceOfSatisfying(FieldmarkException.class, e -> {
                        assertThat(e.code()).isEqualTo(ErrorCode.STORAGE_UNAVAILABLE);
                        assertThat(e.retryable()).isEqualTo(c.retryable());
                        assertThat(e.getMessage()).contains(c.mentions());
                    });
        } finally {
            faulty.heal();
            caseClient.close();
        }
    }

    /** Every page of {@code query}'s results, following the cursors. */
    private static List<Sighting> allPages(SightingRepository repository, SightingQuery query) {
        List<Sighting> all = new ArrayList<>();
        String cursor = null;
        do {
            SightingPage page = repository.page(new SightingQuery(query.from(), query.toExclusive(), query.species(),
                    query.limit(), cursor));
            all.addAll(page.sightings());
            cursor = page.nextCursor();
        } while (cursor != null);
        return all;
    }

    private static List<Sighting> newestFirst(List<Sighting> sightings) {
        return sightings.stream().sorted(Comparator.comparing(Sighting::time).thenComparing(Sighting::id).reversed())
                .toList();
    }

    @Test
    void followsTheContinuationTokensOfEveryListingThatTakesMoreThanOnePage() {
        // Two keys per listing page: the day's sightings, and the years, months and days, each take several pages.
        SightingRepository small = new S3SightingRepositoryAdapter(client, new S3SightingSettings(BUCKET, prefix), 2);
        List<Sighting> today = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            today.add(sighting(String.format("t-%02d", i), NOON.plus(Duration.ofMinutes(i)), "Passer domesticus",
                    i % 2 == 0));
        }
        List<Sighting> elsewhere = List.of(
                sighting("y-2024", Instant.parse("2024-03-01T08:00:00Z"), "Pica pica", true),
                sighting("y-2025", Instant.parse("2025-06-01T08:00:00Z"), "Pica pica", true),
                sighting("m-2026-01", Instant.parse("2026-01-15T08:00:00Z"), "Pica pica", false),
                sighting("m-2026-10", Instant.parse("2026-10-15T08:00:00Z"), "Pica pica", false),
                sighting("d-2026-11-28", Instant.parse("2026-11-28T08:00:00Z"), "Pica pica", true),
                sighting("d-2026-11-30", Instant.parse("2026-11-30T08:00:00Z"), "Pica pica", true));
        today.forEach(small::save);
        elsewhere.forEach(small::save);
        List<Sighting> all = new ArrayList<>(today);
        all.addAll(elsewhere);
        Instant midnight = Instant.parse("2026-11-29T00:00:00Z");

        assertThat(small.between(midnight, midnight.plus(Duration.ofDays(1)))).containsExactlyElementsOf(today);
        assertThat(small.between(Instant.parse("2024-01-01T00:00:00Z"), Instant.parse("2027-01-01T00:00:00Z")))
                .containsExactlyElementsOf(all.stream().sorted(Comparator.comparing(Sighting::time)).toList());
        assertThat(allPages(small, SightingQuery.latest(3))).containsExactlyElementsOf(newestFirst(all));
        assertThat(allPages(small, new SightingQuery(midnight, null, "Passer domesticus", 2, null)))
                .containsExactlyElementsOf(newestFirst(today));
        assertThat(small.lastNotified("Passer domesticus", midnight)).contains(today.get(6).time());
        assertThat(small.recordedBetween("Pica pica", Instant.parse("2026-11-30T00:00:00Z"),
                Instant.parse("2026-12-01T00:00:00Z"))).isTrue();
    }

    @Test
    void listsMoreSightingsInOneUtcDayThanS3PutsOnOneListingPage() {
        // s3proxy, like S3, lists at most 1,000 keys a page. The objects are written as the adapter
        // would (saving through it costs four requests a sighting), with the default page size.
        SightingKeys keys = new SightingKeys(prefix);
        List<Sighting> day = new ArrayList<>();
        for (int i = 0; i < 1001; i++) {
            Sighting sighting = sighting(String.format("s-%04d", i), NOON.plusMillis(i), "Passer domesticus",
                    i == 1000);
            client.putObject(r -> r.bucket(BUCKET).key(keys.sightingKey(sighting)).contentType("application/json"),
                    RequestBody.fromString(SightingJson.write(sighting), StandardCharsets.UTF_8));
            day.add(sighting);
        }
        Instant midnight = Instant.parse("2026-11-29T00:00:00Z");

        List<Sighting> between = repository.between(midnight, midnight.plus(Duration.ofDays(1)));
        List<Sighting> paged = allPages(repository, new SightingQuery(midnight, null, null, SightingQuery.MAX_LIMIT,
                null));

        assertThat(between).hasSize(1001).containsExactlyElementsOf(day);
        assertThat(paged).hasSize(1001).containsExactlyElementsOf(newestFirst(day));
        assertThat(repository.lastNotified("Passer domesticus", midnight)).as("only the day's last sighting was told")
                .contains(day.get(1000).time());
    }

    @Test
    void leavesObjectsItDidNotWriteUnderTheDayAlone() {
        s3.put(BUCKET, prefix + "sightings/2026/11/29/notes.txt", "x".getBytes(StandardCharsets.UTF_8), "text/plain");
        s3.put(BUCKET, prefix + "sightings/misc/readme.txt", "x".getBytes(StandardCharsets.UTF_8), "text/plain");
        repository.save(sighting("a", NOON, "Pica pica", false));

        assertThat(repository.between(NOON.minusSeconds(1), NOON.plusSeconds(1))).extracting(Sighting::id)
                .containsExactly("a");
    }

    @Test
    void refusesAnIdTooLongForAnS3Key() {
        assertThatThrownBy(() -> repository.save(sighting("x".repeat(1100), NOON, "Pica pica", false)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("1024 bytes");
    }

    @Test
    void prefixesWithoutATrailingSlashGetOne() {
        assertThat(new S3SightingSettings(BUCKET, "birds").prefix()).isEqualTo("birds/");
        assertThat(new S3SightingSettings(BUCKET, "").prefix()).isEmpty();
        assertThatThrownBy(() -> new S3SightingSettings(BUCKET, "/abs")).hasMessageContaining("must not start with '/'");
    }

}
