package org.fieldmark.adapter.http.in.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.fieldmark.application.error.NotificationFailedException;
import org.fieldmark.application.port.in.IdentifyImageCommand;
import org.fieldmark.application.port.out.ImageReference;
import org.fieldmark.application.port.out.NotificationPort;
import org.fieldmark.application.service.BirdLog;
import org.fieldmark.application.service.DeliveryPolicy;
import org.fieldmark.application.service.IdentificationSettings;
import org.fieldmark.application.service.IdentifyBirdService;
import org.fieldmark.application.testing.ImageSamples;
import org.fieldmark.application.testing.MutableClock;
import org.fieldmark.application.testing.RecordingNotifier;
import org.fieldmark.domain.SpeciesCatalog;
import org.fieldmark.domain.sighting.NotificationPolicy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * What became of telling each channel about a sighting, over real HTTP: the identification service
 * records into the fixture's bird log and outbox with two channels, {@code log} (works) and
 * {@code mqtt} (a fake that fails as an unreachable broker does, then recovers or not), and the
 * sightings API shows each channel's delivery. Every answer is checked against the OpenAPI document.
 */
@ExtendWith(VertxExtension.class)
class SightingDeliveriesApiTest {

    private static final String BROKER_DOWN = "MQTT broker 127.0.0.1:1883 unreachable";

    private ApiFixture api;
    private final MutableClock clock = MutableClock.at("2026-05-01T18:00:00Z");
    private final RecordingNotifier log = new RecordingNotifier();
    private final RecordingNotifier mqtt = new RecordingNotifier();
    private IdentifyBirdService service;

    @BeforeEach
    void start(Vertx vertx) throws Exception {
        api = ApiFixture.start(vertx);
        api.record("old", "2026-04-20T06:00:00Z", "Passer domesticus", "House Sparrow");
        Map<String, NotificationPort> channels = new LinkedHashMap<>();
        channels.put("log", log);
        channels.put("mqtt", mqtt);
        service = IdentifyBirdService.builder(api.storage, api.model, channels,
                        IdentificationSettings.defaults(SpeciesCatalog.WORKSHOP_4))
                .birdLog(new BirdLog(NotificationPolicy.defaults(clock.getZone()), api.birdLog, clock, () -> "s1",
                        "feeder"))
                .outbox(api.outbox)
                .deliveryPolicy(new DeliveryPolicy(3, Duration.ofMinutes(1), Duration.ofMinutes(1)))
                .build();
    }

    @AfterEach
    void stop() {
        api.close();
    }

    private JsonObject getJson(String uri) throws Exception {
        HttpResponse<Buffer> response = ApiFixture.send(api.get(uri));
        assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(200);
        return response.bodyAsJsonObject();
    }

    /** A cardinal photo identified while the broker is down: the log is told, MQTT is not. */
    private void identifyWhileTheBrokerIsDown() {
        mqtt.failWith(new NotificationFailedException(BROKER_DOWN, true));
        ImageReference photo = api.storage.put("feeder", "birds/cardinal.jpg", ImageSamples.jpeg(256), "image/jpeg");
        assertThatThrownBy(() -> service.identify(IdentifyImageCommand.notifying(photo)))
                .isInstanceOf(NotificationFailedException.class);
    }

    @Test
    void aSightingShowsEachChannelsDeliveryWithItsAttemptsAndLastErrorInTheListAndAlone() throws Exception {
        identifyWhileTheBrokerIsDown();

        JsonObject listed = getJson("/v1/sightings?limit=1").getJsonArray("sightings").getJsonObject(0);
        assertThat(listed.getString("id")).isEqualTo("s1");
        assertThat(listed.getJsonArray("deliveries")).isEqualTo(new JsonArray("""
                [{"channel": "log", "state": "delivered", "attempts": 1, "lastError": null, "nextAttempt": null},
                 {"channel": "mqtt", "state": "pending", "attempts": 1, "lastError": "%s",
                  "nextAttempt": "2026-05-01T18:01:00Z"}]
                """.formatted(BROKER_DOWN)));
        assertThat(getJson("/v1/sightings/s1")).isEqualTo(listed);
        assertThat(log.messages()).hasSize(1);
        assertThat(mqtt.messages()).isEmpty();
    }

    @Test
    void aChannelThatRecoversShowsDeliveredAndOneThatNeverDoesShowsFailedWithItsLastError() throws Exception {
        identifyWhileTheBrokerIsDown();
        clock.advance(Duration.ofMinutes(1));
        assertThat(service.deliverDue()).isZero();
        assertThat(getJson("/v1/sightings/s1").getJsonArray("deliveries").getJsonObject(1).getInteger("attempts"))
                .isEqualTo(2);

        clock.advance(Duration.ofMinutes(1));
        service.deliverDue();

        assertThat(getJson("/v1/sightings/s1").getJsonArray("deliveries").getJsonObject(1)).isEqualTo(new JsonObject("""
                {"channel": "mqtt", "state": "failed", "attempts": 3, "lastError": "%s", "nextAttempt": null}
                """.formatted(BROKER_DOWN)));
    }

    @Test
    void aDeliveryThatSucceedsOnALaterAttemptKeepsTheErrorOfTheAttemptBefore() throws Exception {
        identifyWhileTheBrokerIsDown();
        mqtt.heal();
        clock.advance(Duration.ofMinutes(1));

        assertThat(service.deliverDue()).isEqualTo(1);

        JsonObject delivery = getJson("/v1/sightings?limit=1").getJsonArray("sightings").getJsonObject(0)
                .getJsonArray("deliveries").getJsonObject(1);
        assertThat(delivery).isEqualTo(new JsonObject("""
                {"channel": "mqtt", "state": "delivered", "attempts": 2, "lastError": "%s", "nextAttempt": null}
                """.formatted(BROKER_DOWN)));
        assertThat(mqtt.messages()).hasSize(1);
    }

    @Test
    void aSightingFromBeforeTheOutboxShowsNoDeliveries() throws Exception {
        identifyWhileTheBrokerIsDown();

        JsonArray sightings = getJson("/v1/sightings").getJsonArray("sightings");

        assertThat(sightings.getJsonObject(1).getString("id")).isEqualTo("old");
        assertThat(sightings.getJsonObject(1).getJsonArray("deliveries")).isEmpty();
        assertThat(getJson("/v1/sightings/old").getJsonArray("deliveries")).isEmpty();
    }

    @Test
    void anUnknownSightingIsAProblem() throws Exception {
        HttpResponse<Buffer> response = ApiFixture.send(api.get("/v1/sightings/nope"));

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(ApiFixture.problem(response).getString("code")).isEqualTo("SIGHTING_NOT_FOUND");
        assertThat(ApiFixture.problem(response).getString("detail"))
                .isEqualTo("no sighting has the id 'nope'; take ids from GET /v1/sightings");
    }
}
