package org.fieldmark.adapter.aws.s3;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.fieldmark.adapter.aws.AwsClientSettings;
import org.fieldmark.adapter.aws.AwsClients;
import org.fieldmark.adapter.aws.testing.S3ProxyServer;
import org.fieldmark.adapter.memory.InMemorySightingRepository;
import org.fieldmark.application.port.out.Delivery;
import org.fieldmark.application.port.out.ImageReference;
import org.fieldmark.application.port.out.OutboxEntry;
import org.fieldmark.application.testing.OutboxPortContract;
import org.fieldmark.domain.sighting.Sighting;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.DeleteObjectRequest;

/**
 * The S3 outbox passes the shared outbox contract against s3proxy, with a real SDK client; and a
 * sighting lost to a crash between the entry and the bird log is put back from the entry.
 */
class S3OutboxAdapterTest extends OutboxPortContract {

    private static final String BUCKET = "outbox";
    private static final AtomicInteger PREFIXES = new AtomicInteger();
    private static S3ProxyServer s3;
    private static S3Client client;
    private S3SightingSettings settings;

    @BeforeAll
    static void startS3() {
        s3 = new S3ProxyServer();
        s3.createBucket(BUCKET);
        client = new AwsClients(AwsClientSettings.local(S3ProxyServer.REGION, s3.endpoint()),
                S3ProxyServer.credentials()).s3();
    }

    @AfterAll
    static void stopS3() {
        client.close();
        s3.close();
    }

    @Override
    protected Store emptyStore() {
        settings = new S3SightingSettings(BUCKET, "test-" + PREFIXES.incrementAndGet() + "/fieldmark/");
        return reopen(null);
    }

    @Override
    protected Store reopen(Store current) {
        S3SightingRepositoryAdapter sightings = new S3SightingRepositoryAdapter(client, settings);
        return new Store(new S3OutboxAdapter(client, settings, sightings), sightings);
    }

    @Test
    void putsBackASightingLostBetweenTheEntryAndTheBirdLog() {
        Sighting sighting = new Sighting("s-lost", NOON, "birds/a.jpg", "feeder", "Passer domesticus",
                "House Sparrow", 0.9, true, true, "notified: every", null);
        ImageReference photo = new ImageReference("feeder", "birds/a.jpg");
        OutboxEntry entry = new OutboxEntry(OutboxEntry.idOf(photo, "e1"), photo, "e1", NOON, sighting, "payload",
                java.util.List.of(Delivery.pending("sns", NOON)));
        // The entry landed, then the process died before the sighting was saved: a bird log that drops it.
        S3OutboxAdapter crashed = new S3OutboxAdapter(client, settings, new InMemorySightingRepository());
        assertThat(crashed.record(entry)).isTrue();
        assertThat(store.sightings().find("s-lost")).isEmpty();

        assertThat(store.outbox().find(entry.id())).contains(entry);

        assertThat(store.sightings().find("s-lost")).contains(sighting);
    }

    @Test
    void aDeliveredEntryCostsNoDeleteOfAMarkerItNeverHad() {
        List<String> deleted = new CopyOnWriteArrayList<>();
        ExecutionInterceptor deletes = new ExecutionInterceptor() {
            @Override
            public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
                if (context.request() instanceof DeleteObjectRequest delete) {
                    deleted.add(delete.key().substring(settings.prefix().length()));
                }
            }
        };
        try (S3Client counted = S3Client.builder().region(software.amazon.awssdk.regions.Region.of(S3ProxyServer.REGION))
                .endpointOverride(s3.endpoint()).forcePathStyle(true).credentialsProvider(S3ProxyServer.credentials())
                .overrideConfiguration(o -> o.addExecutionInterceptor(deletes)).build()) {
            S3OutboxAdapter outbox = new S3OutboxAdapter(counted, settings,
                    new S3SightingRepositoryAdapter(counted, settings));
            ImageReference photo = new ImageReference("feeder", "birds/d.jpg");
            Delivery pending = Delivery.pending("sns", NOON);
            OutboxEntry entry = new OutboxEntry(OutboxEntry.idOf(photo, "e1"), photo, "e1", NOON, null, "payload",
                    List.of(pending));

            assertThat(outbox.record(entry)).isTrue();
            outbox.update(entry.id(), pending.delivered());

            // Only the pending marker was ever written; the failed marker never was, so it is never deleted.
            assertThat(deleted).containsExactly("outbox/pending/" + entry.id());
            assertThat(outbox.due(NOON.plusSeconds(3600), 10)).isEmpty();
            assertThat(outbox.counts().pending()).isZero();
        }
    }
}
