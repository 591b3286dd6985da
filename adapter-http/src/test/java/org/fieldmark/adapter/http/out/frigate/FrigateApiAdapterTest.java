package org.fieldmark.adapter.http.out.frigate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import org.fieldmark.application.error.EmptyImageException;
import org.fieldmark.application.error.FieldmarkException;
import org.fieldmark.application.error.ImageNotFoundException;
import org.fieldmark.application.error.ImageTooLargeException;
import org.fieldmark.application.error.NotificationFailedException;
import org.fieldmark.application.error.StorageUnavailableException;
import org.fieldmark.application.port.out.ImageReference;
import org.fieldmark.application.port.out.StoredImage;
import org.fieldmark.application.testing.ImageSamples;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The Frigate API client against a stand-in Frigate on 127.0.0.1: requests, answers, retries, refusals. */
class FrigateApiAdapterTest {

    private static final String ID = "1719000000.5531-x7pq2b";
    private static final ImageReference SNAPSHOT = new ImageReference("garden", ID);

    private final FrigateDouble frigate;

    FrigateApiAdapterTest() throws IOException {
        frigate = new FrigateDouble();
    }

    @AfterEach
    void stop() {
        frigate.close();
    }

    private FrigateApiAdapter adapter(URI url) {
        return new FrigateApiAdapter(FrigateApiSettings.of(url).withRetries(3, Duration.ofMillis(1),
                Duration.ofMillis(4)).withLimits(Duration.ofSeconds(5), 10_000));
    }

    private FrigateApiAdapter adapter() {
        return adapter(frigate.url());
    }

    @Test
    void fetchesTheDetectorsCropOfTheEventWithTheToken() {
        byte[] jpeg = ImageSamples.jpeg(900);
        frigate.snapshot(ID, jpeg).requireToken("s3cret");

        StoredImage stored = new FrigateApiAdapter(FrigateApiSettings.of(frigate.url()).withToken("s3cret"))
                .fetch(SNAPSHOT);

        assertThat(stored.image().bytes()).isEqualTo(jpeg);
        assertThat(stored.contentType()).isEqualTo("image/jpeg");
        assertThat(stored.reference()).isEqualTo(SNAPSHOT);
        assertThat(frigate.requests()).singleElement().satisfies(r -> {
            assertThat(r.method()).isEqualTo("GET");
            assertThat(r.path()).isEqualTo("/api/events/" + ID + "/snapshot.jpg");
            assertThat(r.query()).isEqualTo("crop=1&quality=95");
            assertThat(r.authorization()).isEqualTo("Bearer s3cret");
            assertThat(r.cookie()).isEqualTo("frigate_token=s3cret");
        });
    }

    @Test
    void writesTheSubLabelWithFrigatesBody() {
        frigate.snapshot(ID, ImageSamples.jpeg(100));

        adapter().writeSubLabel(ID, "garden", "Blue Jay \"crested\"", 0.87349);

        assertThat(frigate.subLabels()).containsExactly(
                "{\"subLabel\":\"Blue Jay \\\"crested\\\"\",\"subLabelScore\":0.873,\"camera\":\"garden\"}");
        assertThat(frigate.requests()).singleElement().satisfies(r -> {
            assertThat(r.path()).isEqualTo("/api/events/" + ID + "/sub_label");
            assertThat(r.authorization()).as("no token configured, none sent").isNull();
        });
    }

    @Test
    void keepsAPathPrefixAndEncodesTheEventId() {
        frigate.snapshot("odd id/1", ImageSamples.jpeg(100));

        adapter(URI.create(frigate.url() + "/frigate/")).fetch(new ImageReference("garden", "odd id/1"));

        assertThat(frigate.requests()).singleElement().extracting(FrigateDouble.Request::path)
                .isEqualTo("/frigate/api/events/odd%20id%2F1/snapshot.jpg");
    }

    @Test
    void aServerErrorIsRetriedAndTheSecondAttemptSucceeds() {
        frigate.snapshot(ID, ImageSamples.jpeg(100)).failNext(500, 1);

        StoredImage stored = adapter().fetch(SNAPSHOT);

        assertThat(stored.contentLength()).isEqualTo(100);
        assertThat(frigate.requests()).hasSize(2);
    }

    @Test
    void aFrigateThatStaysDownFailsRetryablyAfterEveryAttempt() {
        frigate.snapshot(ID, ImageSamples.jpeg(100)).failAlways(503);

        assertThatThrownBy(() -> adapter().fetch(SNAPSHOT)).isInstanceOfSatisfying(StorageUnavailableException.class,
                e -> assertThat(e.retryable()).isTrue()).hasMessageContaining("after 3 attempts")
                .hasMessageContaining("HTTP 503");
        assertThatThrownBy(() -> adapter().writeSubLabel(ID, "garden", "Jay", 0.9))
                .isInstanceOfSatisfying(NotificationFailedException.class, e -> assertThat(e.retryable()).isTrue());
        assertThat(frigate.requests()).hasSize(6);
    }

    @Test
    void aRefusedTokenIsNotRetriedAndSaysWhatToSet() {
        frigate.snapshot(ID, ImageSamples.jpeg(100)).requireToken("right");
        FrigateApiAdapter wrong = new FrigateApiAdapter(FrigateApiSettings.of(frigate.url()).withToken("wrong"));

        assertThatThrownBy(() -> wrong.fetch(SNAPSHOT)).isInstanceOfSatisfying(StorageUnavailableException.class,
                e -> assertThat(e.retryable()).isFalse()).hasMessageContaining("HTTP 401")
                .hasMessageContaining("set frigate.token");
        assertThatThrownBy(() -> wrong.writeSubLabel(ID, "garden", "Jay", 0.9))
                .isInstanceOfSatisfying(NotificationFailedException.class, e -> assertThat(e.retryable()).isFalse())
                .hasMessageContaining("HTTP 401");
        assertThat(frigate.requests()).hasSize(2);
    }

    @Test
    void aMissingSnapshotIsNotFoundAndNotRetried() {
        assertThatThrownBy(() -> adapter().fetch(SNAPSHOT)).isInstanceOf(ImageNotFoundException.class)
                .hasMessageContaining("HTTP 404").hasMessageContaining(ID);
        assertThatThrownBy(() -> adapter().writeSubLabel(ID, "garden", "Jay", 0.9))
                .isInstanceOfSatisfying(NotificationFailedException.class, e -> assertThat(e.retryable()).isFalse())
                .hasMessageContaining("Event not found");
        assertThat(frigate.requests()).hasSize(2);
    }

    @Test
    void refusesSnapshotsAboveTheLimitAndEmptyOnes() {
        frigate.snapshot(ID, new byte[10_001]).snapshot("empty", new byte[0]);

        assertThatThrownBy(() -> adapter().fetch(SNAPSHOT)).isInstanceOf(ImageTooLargeException.class);
        assertThatThrownBy(() -> adapter().fetch(new ImageReference("garden", "empty")))
                .isInstanceOf(EmptyImageException.class);
    }

    @Test
    void noFrigateListeningIsARetryableFailure() throws IOException {
        int closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = socket.getLocalPort();
        }

        assertThatThrownBy(() -> adapter(URI.create("http://127.0.0.1:" + closed)).fetch(SNAPSHOT))
                .isInstanceOfSatisfying(FieldmarkException.class, e -> assertThat(e.retryable()).isTrue())
                .hasMessageContaining("no answer from");
    }

    @Test
    void theTokenNeverShowsInTheSettingsText() {
        assertThat(FrigateApiSettings.of(frigate.url()).withToken("s3cret").toString()).doesNotContain("s3cret");
        assertThatThrownBy(() -> FrigateApiSettings.of(URI.create("ftp://frigate"))).hasMessageContaining("http(s)");
    }
}
