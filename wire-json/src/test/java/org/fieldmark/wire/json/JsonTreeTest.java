package org.fieldmark.wire.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class JsonTreeTest {

    @Test
    void readsObjectsInFieldOrderArraysAndScalars() {
        Map<String, Object> expected = new LinkedHashMap<>();
        expected.put("Type", "Notification");
        expected.put("n", 3);
        expected.put("big", new BigInteger("123456789012345678901234"));
        expected.put("p", 0.25);
        expected.put("ok", true);
        expected.put("no", false);
        expected.put("none", null);
        expected.put("Records", List.of(Map.of("s3", Map.of("object", Map.of("key", "birds/é \"1\".jpg"))), List.of()));

        Object read = JsonTree.read("{\"Type\": \"Notification\", \"n\": 3, \"big\": 123456789012345678901234, \"p\": 0.25,"
                + " \"ok\": true, \"no\": false, \"none\": null,"
                + " \"Records\": [{\"s3\": {\"object\": {\"key\": \"birds/\\u00e9 \\\"1\\\".jpg\"}}}, []]}");

        assertThat(read).isEqualTo(expected);
        assertThat(List.copyOf(((Map<?, ?>) read).keySet())).isEqualTo(List.copyOf(expected.keySet()));
    }

    @Test
    void readsTheFirstValueOfTheText() {
        assertThat(JsonTree.read("[1, \"a\"]")).isEqualTo(Arrays.asList(1, "a"));
        assertThat(JsonTree.read("\"text\"")).isEqualTo("text");
        assertThat(JsonTree.read("null")).isNull();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "a photo of a bird|Unrecognized token 'a'",
            "{\"a\": |Unexpected end-of-input",
            "{\"a\" 1}|was expecting a colon",
            "'   '|no JSON value"})
    void saysWhyTheTextIsNotJsonInTheParsersFirstLine(String text, String reason) {
        assertThatThrownBy(() -> JsonTree.read(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(reason)
                .hasMessageNotContaining("\n");
    }
}
