package org.fieldmark.application.json;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class JsonWriterTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "plain|\"plain\"",
            "say \"hi\"|\"say \\\"hi\\\"\"",
            "back\\slash|\"back\\\\slash\""})
    void escapesQuotesAndBackslashes(String text, String json) {
        assertThat(JsonWriter.string(text)).isEqualTo(json);
    }

    @Test
    void escapesEveryCharacterThatWouldBreakALine() {
        assertThat(JsonWriter.string("a\nb\rc\td\u0001e\u2028f\u2029g"))
                .isEqualTo("\"a\\nb\\rc\\td\\u0001e\\u2028f\\u2029g\"");
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

        assertThat(JsonWriter.write(outer)).isEqualTo("{\"key\":\"birds/card.jpg\",\"confident\":true,\"none\":null,"
                + "\"size\":2048,\"nan\":\"NaN\",\"predictions\":[{\"rank\":1,\"p\":0.94}],\"empty\":[]}");
    }
}
