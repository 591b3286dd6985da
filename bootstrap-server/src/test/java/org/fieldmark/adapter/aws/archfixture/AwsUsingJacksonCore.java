package org.fieldmark.adapter.aws.archfixture;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import java.io.IOException;

/** Good: jackson-core is the one JSON library. */
public class AwsUsingJacksonCore {
    public boolean isObject(String text) throws IOException {
        try (JsonParser parser = new JsonFactory().createParser(text)) {
            return parser.nextToken() == com.fasterxml.jackson.core.JsonToken.START_OBJECT;
        }
    }
}
