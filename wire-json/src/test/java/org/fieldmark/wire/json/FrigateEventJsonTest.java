package org.fieldmark.wire.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Stream;
import org.fieldmark.domain.frigate.FrigateEvent;
import org.fieldmark.domain.frigate.FrigateEvent.SubLabel;
import org.fieldmark.domain.frigate.FrigateEvent.Type;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Frigate's event messages as 0.13 to 0.16 send them, and what is not one. */
class FrigateEventJsonTest {

    private static String fixture(String name) {
        try (InputStream in = FrigateEventJsonTest.class.getResourceAsStream("/frigate/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static Stream<Arguments> fixtures() {
        return Stream.of(
                Arguments.of("0.13-new.json", new FrigateEvent(Type.NEW, "1701500000.482113-k2m9qa", "feeder_cam",
                        "bird", null, 0.7421875, false, true, List.of("tray"), 1701500000.482113, null)),
                Arguments.of("0.13-update-name.json", new FrigateEvent(Type.UPDATE, "1701500000.482113-k2m9qa",
                        "feeder_cam", "bird", new SubLabel("House Sparrow", null), 0.81640625, false, true,
                        List.of("tray"), 1701500000.482113, null)),
                Arguments.of("0.14-update-scored.json", new FrigateEvent(Type.UPDATE, "1719000000.5531-x7pq2b",
                        "garden", "bird", new SubLabel("Blue Jay", 0.87), 0.87109375, false, true,
                        List.of("feeder_zone", "lawn"), 1719000000.5531, null)),
                Arguments.of("0.16-end.json", new FrigateEvent(Type.END, "1745000000.120044-t0w3nd", "balcony", "bird",
                        new SubLabel("Great Tit", 0.93), 0.9140625, false, true, List.of(), 1745000000.120044,
                        1745000041.77)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtures")
    void readsTheStateAfterTheChangeInEveryVersionsShape(String file, FrigateEvent expected) {
        assertThat(FrigateEventJson.read(fixture(file))).isEqualTo(expected);
    }

    @Test
    void readsAMinimalEventWithDefaultsForWhatItLeavesOut() {
        FrigateEvent event = FrigateEventJson.read("{\"type\":\"new\",\"after\":{\"id\":\"e\",\"camera\":\"c\","
                + "\"label\":\"bird\",\"score\":0.6,\"sub_label\":[\"Robin\"],\"unknown\":{\"deep\":[1,2]}}}");

        assertThat(event).isEqualTo(new FrigateEvent(Type.NEW, "e", "c", "bird", new SubLabel("Robin", null), 0.6,
                false, false, List.of(), 0.0, null));
    }

    static Stream<Arguments> badMessages() {
        String after = "\"after\":{\"id\":\"e\",\"camera\":\"c\",\"label\":\"bird\",\"top_score\":0.5";
        return Stream.of(
                Arguments.of("not JSON", "frigate is online", "not JSON: "),
                Arguments.of("cut short", "{\"type\":\"new\",\"after\":{\"id\":", "not JSON: "),
                Arguments.of("empty", "", "not JSON: no JSON value in the text"),
                Arguments.of("an array", "[1,2]", "not a JSON object"),
                Arguments.of("no type", "{" + after + "}}", "'type' is missing"),
                Arguments.of("an unknown type", "{\"type\":\"start\"," + after + "}}",
                        "type must be new, update or end, was 'start'"),
                Arguments.of("no after", "{\"type\":\"new\",\"before\":{}}", "'after' is missing or not an object"),
                Arguments.of("after not an object", "{\"type\":\"new\",\"after\":[]}",
                        "'after' is missing or not an object"),
                Arguments.of("no id", "{\"type\":\"new\",\"after\":{\"camera\":\"c\",\"label\":\"bird\"}}",
                        "after.'id' is missing"),
                Arguments.of("a blank camera", "{\"type\":\"new\",\"after\":{\"id\":\"e\",\"camera\":\" \","
                        + "\"label\":\"bird\"}}", "after.'camera' is not a non-blank string"),
                Arguments.of("a numeric label", "{\"type\":\"new\",\"after\":{\"id\":\"e\",\"camera\":\"c\","
                        + "\"label\":7}}", "after.'label' is not a non-blank string: 7"),
                Arguments.of("a textual score", "{\"type\":\"new\"," + after.replace("0.5", "\"high\"") + "}}",
                        "'top_score' is not a number: high"),
                Arguments.of("a score above one", "{\"type\":\"new\"," + after.replace("0.5", "7") + "}}",
                        "after.top_score must be within 0..1, was 7.0"),
                Arguments.of("a textual flag", "{\"type\":\"new\"," + after + ",\"false_positive\":\"no\"}}",
                        "'false_positive' is not true or false: no"),
                Arguments.of("zones not names", "{\"type\":\"new\"," + after + ",\"current_zones\":[1]}}",
                        "'current_zones' is not a list of names: [1]"),
                Arguments.of("a sub label object", "{\"type\":\"new\"," + after + ",\"sub_label\":{\"n\":1}}}",
                        "sub_label must be null, a name or [name, score]"),
                Arguments.of("a sub label score as text", "{\"type\":\"new\"," + after
                        + ",\"sub_label\":[\"Jay\",\"high\"]}}", "sub_label must be null, a name or [name, score]"),
                Arguments.of("a sub label score above one", "{\"type\":\"new\"," + after
                        + ",\"sub_label\":[\"Jay\",3]}}", "sub label score must be within 0..1, was 3.0"),
                Arguments.of("huge", "{\"type\":\"new\"," + after + ",\"pad\":\"" + "x".repeat(70_000) + "\"}}",
                        "more than the 65536 a Frigate event has"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badMessages")
    void saysWhatIsWrongWithAMessageThatIsNotAnEvent(String name, String message, String reason) {
        assertThatThrownBy(() -> FrigateEventJson.read(message)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(reason);
    }
}
