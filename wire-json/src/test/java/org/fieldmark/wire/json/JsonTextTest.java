package org.fieldmark.wire.json;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The bytes Fieldmark's JSON has always had, now written by Jackson's generator. */
class JsonTextTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "plain|\"plain\"",
            "say \"hi\"|\"say \\\"hi\\\"\"",
            "back\\slash|\"back\\\\slash\"",
            "a/b é 鳥|\"a/b é 鳥\""})
    void escapesQuotesAndBackslashesAndNothingElsePrintable(String text, String json) {
        assertThat(JsonText.of(text)).isEqualTo(json);
    }

    @Test
    void escapesEveryCharacterThatWouldBreakALine() {
        assertThat(JsonText.of("a\nb\rc\td\u0001e\u2028f\u2029g"))
                .isEqualTo("\"a\\nb\\rc\\td\\u0001e\\u2028f\\u2029g\"");
    }

    @Test
    void writesControlCharactersAsLowerCaseUnicodeEscapes() {
        assertThat(JsonText.of("\b\f\u001f\u0000")).isEqualTo("\"\\u0008\\u000c\\u001f\\u0000\"");
    }

    @Test
    void writesNestedMapsAndListsInOrder() {
        Map<String, Object> inner = new LinkedHashMap<>();
        inner.put("rank", 1);
        inner.put("p", 0.94);
        Map<String, Object> outer = new LinkedHashMap<>();
        outer.put("key", "birds/card.jpg");
        outer.put("confident", true);
        outer.put("none", null);
        outer.put("size", 2048L);
        outer.put("nan", Double.NaN);
        outer.put("predictions", List.of(inner));
        outer.put("empty", Arrays.asList());

        assertThat(JsonText.of(outer)).isEqualTo("{\"key\":\"birds/card.jpg\",\"confident\":true,\"none\":null,"
                + "\"size\":2048,\"nan\":\"NaN\",\"predictions\":[{\"rank\":1,\"p\":0.94}],\"empty\":[]}");
    }

    @Test
    void writesDoublesAsJavaDoesAndOtherValuesAsTheirStrings() {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("tiny", 1.0E-5);
        fields.put("whole", 100.0);
        fields.put("infinite", Double.NEGATIVE_INFINITY);
        fields.put("float", 0.5f);
        fields.put("time", Instant.parse("2026-05-17T06:41:12Z"));

        assertThat(JsonText.of(fields)).isEqualTo("{\"tiny\":1.0E-5,\"whole\":100.0,\"infinite\":\"-Infinity\","
                + "\"float\":\"0.5\",\"time\":\"2026-05-17T06:41:12Z\"}");
    }

    @Test
    void writesWhatAWritingWrites() {
        assertThat(JsonText.writing(json -> {
            json.writeStartObject();
            json.writeStringField("key", "a\u2028b");
            json.writeStringField("none", null);
            json.writeNumberField("p", 0.25);
            json.writeEndObject();
        })).isEqualTo("{\"key\":\"a\\u2028b\",\"none\":null,\"p\":0.25}");
    }
}
