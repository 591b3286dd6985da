package org.fieldmark.wire.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A small JSON document (an event notification, a message body) read with Jackson's streaming
 * parser into plain Java values: objects as maps (fields in order), arrays as lists, strings,
 * numbers (the smallest of {@code Integer}, {@code Long}, {@code BigInteger}; {@code Double}),
 * booleans and null. For reading a few fields of a document whose fields may come in any order;
 * large or hot formats read their tokens directly ({@link ModelOutputJson}).
 */
public final class JsonTree {

    private static final JsonFactory FACTORY = new JsonFactory();

    private JsonTree() {
    }

    /**
     * The value of the JSON document {@code text}; what follows the first value is not read.
     *
     * @throws IllegalArgumentException with the parser's reason (its first line) when the text is not JSON
     */
    public static Object read(String text) {
        try (JsonParser parser = FACTORY.createParser(text)) {
            JsonToken first = parser.nextToken();
            if (first == null) {
                throw new IllegalArgumentException("no JSON value in the text");
            }
            return value(parser, first);
        } catch (JsonProcessingException e) {
            String reason = e.getOriginalMessage();
            int line = reason.indexOf('\n');
            throw new IllegalArgumentException(line < 0 ? reason : reason.substring(0, line), e);
        } catch (IOException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    private static Object value(JsonParser parser, JsonToken token) throws IOException {
        return switch (token) {
            case START_OBJECT -> {
                Map<String, Object> fields = new LinkedHashMap<>();
                while (parser.nextToken() == JsonToken.FIELD_NAME) {
                    String name = parser.currentName();
                    fields.put(name, value(parser, parser.nextToken()));
                }
                yield fields;
            }
            case START_ARRAY -> {
                List<Object> items = new ArrayList<>();
                for (JsonToken item = parser.nextToken(); item != JsonToken.END_ARRAY; item = parser.nextToken()) {
                    items.add(value(parser, item));
                }
                yield items;
            }
            case VALUE_STRING -> parser.getText();
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> parser.getNumberValue();
            case VALUE_TRUE -> Boolean.TRUE;
            case VALUE_FALSE -> Boolean.FALSE;
            default -> null;
        };
    }
}
