package org.fieldmark.adapter.aws.archfixture;

import software.amazon.awssdk.protocols.jsoncore.JsonNode;

/** Bad: the SDK's own JSON reader is a second JSON library; Fieldmark reads JSON with jackson-core. */
public class AwsUsingSdkJson {
    public boolean isObject(String text) {
        return JsonNode.parser().parse(text).isObject();
    }
}
