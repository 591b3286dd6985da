package org.fieldmark.bootstrap.lambda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.lambda.runtime.events.S3Event;
import com.amazonaws.services.lambda.runtime.events.models.s3.S3EventNotification.S3EventNotificationRecord;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.fieldmark.application.error.InvalidRequestException;
import org.fieldmark.application.port.in.NewObjectsUseCase;
import org.fieldmark.bootstrap.lambda.S3Events.Rec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The S3 trigger's event JSON as {@link S3EventHandler} reads it itself ({@link Notices#ofEvent}), against
 * what the Lambda runtime's serializer reads into an {@link S3Event} from the same bytes: every record,
 * field for field. And the table of events that are not S3 events.
 */
class S3EventJsonTest {

    static Stream<Arguments> events() {
        String versioned = S3Events.json(new Rec("ObjectCreated:CompleteMultipartUpload", "feeder", "birds/v.jpg", "e1"))
                .replace("\"eTag\":", "\"versionId\":\"3HL4kqtJlcpXroDTDmJ.rmSpXd3dIbrHY\",\"eTag\":");
        return Stream.of(
                Arguments.of("one upload", S3Events.json(Rec.created("feeder", "birds/card.jpg"))),
                Arguments.of("three records, one removal", S3Events.json(Rec.created("feeder", "birds/a.jpg"),
                        new Rec("ObjectRemoved:Delete", "feeder", "birds/b.jpg", "e2"), Rec.created("other", "c.jpg"))),
                Arguments.of("keys as S3 encodes them", S3Events.json(Rec.created("feeder", "birds/blue+jay+%C3%A9.jpg"),
                        Rec.created("feeder", "birds/a%2Bb.jpg"))),
                Arguments.of("a versioned bucket", versioned),
                Arguments.of("S3's test event", S3Events.testEvent()),
                Arguments.of("no records", "{}"),
                Arguments.of("empty records", "{\"Records\":[]}"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("events")
    void readsEveryRecordAsTheLambdaRuntimeReadsIt(String name, String json) {
        assertThat(Notices.ofEvent(json).stream().map(S3EventJsonTest::used).toList())
                .isEqualTo(asTheRuntimeReadsIt(S3Events.parse(json)).stream().map(S3EventJsonTest::used).toList());
    }

    /**
     * What the handler uses of a notice: the runtime reads a missing version id as "" where the JSON reader
     * gives null, and both make the same upload version (the ETag).
     */
    private static List<String> used(ObjectNotice notice) {
        return Arrays.asList(notice.where(), notice.eventName(), notice.bucket(), notice.encodedKey(),
                notice.version(), notice.sequencer());
    }

    @Test
    void aRecordWithoutItsBucketOrObjectNamesNothingOfThemAndFailsAlone() {
        assertThat(Notices.ofEvent("{\"Records\":[{\"eventName\":\"ObjectCreated:Put\"},{\"eventName\":\"ObjectCreated:Put\","
                + "\"s3\":{\"bucket\":{\"name\":\"feeder\"}}}]}"))
                .containsExactly(new ObjectNotice("record 0", "ObjectCreated:Put", null, null, null, null, null),
                        new ObjectNotice("record 1", "ObjectCreated:Put", "feeder", null, null, null, null));
    }

    static Stream<Arguments> notS3Events() {
        return Stream.of(
                Arguments.of("empty", "", "the event has an empty body"),
                Arguments.of("blank", "  \n", "the event has an empty body"),
                Arguments.of("not JSON", "Records: none", "the event is not JSON"),
                Arguments.of("cut short", "{\"Records\":[{\"eventName\":", "the event is not JSON"),
                Arguments.of("an array", "[{\"Records\":[]}]", "the event is JSON but not an object"),
                Arguments.of("a string", "\"s3:TestEvent\"", "the event is JSON but not an object"),
                Arguments.of("Records an object", "{\"Records\":{\"s3\":{}}}", "the event's Records is not an array"),
                Arguments.of("Records a string", "{\"Records\":\"none\"}", "the event's Records is not an array"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("notS3Events")
    void refusesAnEventThatIsNotAnS3EventSayingWhy(String name, String json, String why) {
        assertThatThrownBy(() -> Notices.ofEvent(json))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining(why);
    }

    @Test
    void aRecordThatIsNotAnObjectNamesNothingAndFailsAlone() {
        assertThat(Notices.ofEvent("{\"Records\":[7]}"))
                .containsExactly(new ObjectNotice("record 0", null, null, null, null, null, null));
    }

    @Test
    void theHandlerFailsTheInvocationOnAnEventThatIsNotAnS3EventAndLogsWhy() {
        ByteArrayOutputStream logged = new ByteArrayOutputStream();
        JsonLog log = new JsonLog(new PrintStream(logged, true, StandardCharsets.UTF_8));
        NewObjectsUseCase nothingToDo = command -> {
            throw new AssertionError("nothing to identify in " + command);
        };
        S3EventHandler handler = new S3EventHandler(nothingToDo, key -> true, log);

        assertThatThrownBy(() -> handler.handleRequest(new ByteArrayInputStream("{\"Records\":5}".getBytes(
                StandardCharsets.UTF_8)), new ByteArrayOutputStream(), new TestContext("bad-event")))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessage("the event's Records is not an array; expected an S3 event notification");
        assertThat(logged.toString(StandardCharsets.UTF_8)).contains("\"event\":\"event.failed\"",
                "\"requestId\":\"bad-event\"", "\"code\":\"INVALID_REQUEST\"", "a retry fails the same way");
    }

    /** The notices the handler made of the runtime's {@link S3Event} before it read the JSON itself. */
    private static List<ObjectNotice> asTheRuntimeReadsIt(S3Event event) {
        List<ObjectNotice> notices = new ArrayList<>();
        List<S3EventNotificationRecord> records = event == null || event.getRecords() == null ? List.of()
                : event.getRecords();
        for (int i = 0; i < records.size(); i++) {
            S3EventNotificationRecord record = records.get(i);
            var s3 = record.getS3();
            var bucket = s3 == null ? null : s3.getBucket();
            var object = s3 == null ? null : s3.getObject();
            notices.add(new ObjectNotice("record " + i, record.getEventName(), bucket == null ? null : bucket.getName(),
                    object == null ? null : object.getKey(), object == null ? null : object.getVersionId(),
                    object == null ? null : object.geteTag(), object == null ? null : object.getSequencer()));
        }
        return notices;
    }
}
