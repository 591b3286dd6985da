package org.fieldmark.bootstrap.lambda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.fieldmark.adapter.memory.InMemorySightingRepository;
import org.fieldmark.application.error.InvalidRequestException;
import org.fieldmark.application.error.NotificationFailedException;
import org.fieldmark.application.service.DigestService;
import org.fieldmark.application.testing.RecordingNotifier;
import org.fieldmark.domain.SpeciesCatalog;
import org.fieldmark.domain.sighting.Sighting;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The digest handler over the in-memory bird log and a recording notifier, in Berlin time. */
class DigestHandlerTest {

    static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    /** 20:00 in Berlin on 2026-11-29, when the schedule fires. */
    static final Instant EVENING = Instant.parse("2026-11-29T19:00:00Z");

    private final InMemorySightingRepository repository = new InMemorySightingRepository();
    private final RecordingNotifier notifier = new RecordingNotifier();
    private final ByteArrayOutputStream logged = new ByteArrayOutputStream();
    private final JsonLog log = new JsonLog(new PrintStream(logged, true, StandardCharsets.UTF_8));
    private int seen;

    /** Seeds the log of 2026-11-29 in Berlin, with a sighting just outside the day on each side. */
    @BeforeEach
    void seed() {
        seen("Passer domesticus", "House Sparrow", "2026-11-29T07:00:00Z");
        seen("Passer domesticus", "House Sparrow", "2026-11-29T12:15:00Z");
        seen("Cardinalis cardinalis", "Northern Cardinal", "2026-11-29T22:30:00Z"); // 23:30 in Berlin
        seen("Cyanocitta cristata", "Blue Jay", "2026-11-28T22:59:00Z"); // 23:59 on the 28th in Berlin
        seen("Sialia sialis", "Eastern Bluebird", "2026-11-29T23:00:00Z"); // 00:00 on the 30th in Berlin
    }

    private void seen(String scientific, String common, String time) {
        seen++;
        repository.save(new Sighting("s" + seen, Instant.parse(time), "birds/" + seen + ".jpg", "feeder", scientific,
                common, 0.9, true, false, "notified: every", null));
    }

    private DigestHandler handlerAt(Instant now) {
        Clock clock = Clock.fixed(now, BERLIN);
        return new DigestHandler(new DigestService(repository, notifier, SpeciesCatalog.WORKSHOP_4, BERLIN, clock,
                log.serviceLogger()), clock, log);
    }

    private static Map<String, Object> event(Object... namesAndValues) {
        Map<String, Object> event = new HashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            event.put((String) namesAndValues[i], namesAndValues[i + 1]);
        }
        return event;
    }

    private List<String> logLines() {
        return logged.toString(StandardCharsets.UTF_8).lines().toList();
    }

    @Test
    void sendsTheDigestOfTheLocalDayAndReturnsItsCounts() {
        Map<String, Object> summary = handlerAt(EVENING).handleRequest(event(), new TestContext("req-1"));

        assertThat(notifier.messages()).containsExactly(
                "Fieldmark digest for 2026-11-29: 2 species, 3 sightings — House Sparrow 2, Northern Cardinal 1");
        assertThat(summary).containsExactly(Map.entry("date", "2026-11-29"), Map.entry("timeZone", "Europe/Berlin"),
                Map.entry("species", 2), Map.entry("sightings", 3));
        assertThat(logLines()).anySatisfy(line -> assertThat(line)
                .startsWith("{\"level\":\"INFO\",\"requestId\":\"req-1\",\"event\":\"digest.sent\""));
    }

    @Test
    void countsTheDayInTheConfiguredZoneNotInUtc() {
        // 00:30 on the 30th in Berlin, still the 29th in UTC: Berlin's 30th has only the bluebird so far.
        handlerAt(Instant.parse("2026-11-29T23:30:00Z")).handleRequest(event(), new TestContext("r"));

        assertThat(notifier.messages()).containsExactly(
                "Fieldmark digest for 2026-11-30: 1 species, 1 sighting — Eastern Bluebird 1");
    }

    @Test
    void sendsTheDayTheScheduleFiredOnWhenARetryRunsAfterMidnight() {
        Map<String, Object> scheduled = event("detail-type", "Scheduled Event", "source", "aws.events",
                "time", "2026-11-29T22:50:00Z", "detail", Map.of());

        Map<String, Object> summary = handlerAt(Instant.parse("2026-11-29T23:20:00Z"))
                .handleRequest(scheduled, new TestContext("retry"));

        assertThat(summary).containsEntry("date", "2026-11-29");
        assertThat(notifier.digests()).singleElement().satisfies(d -> assertThat(d.sightings()).isEqualTo(3));
    }

    @Test
    void sendsTheDigestOfTheDayTheEventNames() {
        Map<String, Object> summary = handlerAt(EVENING).handleRequest(event("date", "2026-11-28",
                "time", "2026-11-29T19:00:00Z"), new TestContext("manual"));

        assertThat(notifier.messages()).containsExactly("Fieldmark digest for 2026-11-28: 1 species, 1 sighting — Blue Jay 1");
        assertThat(summary).containsEntry("date", "2026-11-28").containsEntry("species", 1).containsEntry("sightings", 1);
    }

    @Test
    void sendsADigestSayingSoOnADayWithoutBirds() {
        Map<String, Object> summary = handlerAt(EVENING).handleRequest(event("date", "2026-01-01"), new TestContext("r"));

        assertThat(notifier.messages()).containsExactly("Fieldmark digest for 2026-01-01: no birds recorded");
        assertThat(summary).containsEntry("species", 0).containsEntry("sightings", 0);
    }

    static Stream<Arguments> badDays() {
        return Stream.of(
                Arguments.of(event("date", "29.11.2026"), "\"date\" is '29.11.2026', which is not a date"),
                Arguments.of(event("date", "2026-11-31"), "\"date\" is '2026-11-31', which is not a day of the calendar"),
                Arguments.of(event("date", "2026-13-01"), "\"date\" is '2026-13-01', which is not a day of the calendar"),
                Arguments.of(event("date", "2026-02-29"), "\"date\" is '2026-02-29', which is not a day of the calendar"),
                Arguments.of(event("date", "+12026-11-29"), "\"date\" is '+12026-11-29', which is not a date"),
                Arguments.of(event("date", "2026-11-29T20:00"), "\"date\" is '2026-11-29T20:00', which is not a date"),
                Arguments.of(event("date", "yesterday"), "\"date\" is 'yesterday', which is not a date"),
                Arguments.of(event("date", ""), "\"date\" is '', which is not a date"),
                Arguments.of(event("date", 20261129), "\"date\" is the number 20261129, which is not a date"),
                Arguments.of(event("date", List.of("2026-11-29")), "\"date\" is the list [2026-11-29], which is not a date"),
                Arguments.of(event("date", true), "\"date\" is the boolean true, which is not a date"),
                Arguments.of(event("date", Map.of("day", 29)), "\"date\" is the object {day=29}, which is not a date"),
                Arguments.of(event("date", "2026-11-30"),
                        "\"date\" is '2026-11-30', which is after today (2026-11-29 in Europe/Berlin)"),
                Arguments.of(event("time", "tonight"), "the event's time is 'tonight', which is not an instant"));
    }

    @ParameterizedTest
    @MethodSource("badDays")
    void refusesADayItCannotReadSayingHowToGiveIt(Map<String, Object> event, String expected) {
        assertThatThrownBy(() -> handlerAt(EVENING).handleRequest(event, new TestContext("bad")))
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(e.retryable()).isFalse())
                .hasMessageStartingWith(expected)
                .hasMessageContaining(event.containsKey("date") ? "\"date\": \"YYYY-MM-DD\"" : "EventBridge");
        assertThat(notifier.messages()).isEmpty();
        assertThat(logLines()).anySatisfy(line -> assertThat(line)
                .contains("\"event\":\"digest.failed\"", "\"code\":\"INVALID_REQUEST\"", "\"retryable\":false"));
    }

    @Test
    void failsTheInvocationWhenTheNotifierIsThrottledSoThatLambdaRetries() {
        notifier.failThrottled();

        assertThatThrownBy(() -> handlerAt(EVENING).handleRequest(event(), new TestContext("req-9")))
                .isInstanceOfSatisfying(NotificationFailedException.class, e -> assertThat(e.retryable()).isTrue())
                .hasMessage("channel throttled the publish");
        assertThat(logLines()).anySatisfy(line -> assertThat(line)
                .startsWith("{\"level\":\"WARN\",\"requestId\":\"req-9\",\"event\":\"digest.failed\"")
                .contains("\"code\":\"NOTIFICATION_FAILED\"", "\"retryable\":true", "Lambda's retry may succeed"));
    }

    @Test
    void failsTheInvocationWhenTheNotifierBreaksUnexpectedly() {
        notifier.failWith(new IllegalStateException("socket closed"));

        assertThatThrownBy(() -> handlerAt(EVENING).handleRequest(event(), new TestContext("r")))
                .isInstanceOf(NotificationFailedException.class)
                .hasMessageContaining("the digest of 2026-11-29").hasMessageContaining("socket closed");
        assertThat(notifier.digests()).isEmpty();
    }
}
