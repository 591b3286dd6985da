package org.fieldmark.bootstrap.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.S3Event;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.fieldmark.wire.json.JsonTree;

/**
 * S3 event notification JSON as S3 sends it: handed to {@link S3EventHandler} as the Lambda runtime hands it
 * (the bytes of the event), or read into {@link S3Event} the way the runtime's serializer reads it.
 */
final class S3Events {

    private S3Events() {
    }

    /** One record of an event; {@code encodedKey} as S3 writes it ({@code +} for spaces, {@code %XX}). */
    record Rec(String eventName, String bucket, String encodedKey, String eTag) {
        static Rec created(String bucket, String encodedKey) {
            return new Rec("ObjectCreated:Put", bucket, encodedKey, "etag-" + Math.abs(encodedKey.hashCode()));
        }

        String json() {
            return "{\"eventVersion\":\"2.1\",\"eventSource\":\"aws:s3\",\"awsRegion\":\"us-east-1\","
                    + "\"eventTime\":\"2026-11-28T01:00:00.000Z\",\"eventName\":\"" + eventName + "\","
                    + "\"userIdentity\":{\"principalId\":\"AWS:AIDAEXAMPLE\"},"
                    + "\"requestParameters\":{\"sourceIPAddress\":\"127.0.0.1\"},"
                    + "\"responseElements\":{\"x-amz-request-id\":\"C3D13FE58DE4C810\",\"x-amz-id-2\":\"FMyUVURIY8\"},"
                    + "\"s3\":{\"s3SchemaVersion\":\"1.0\",\"configurationId\":\"birds\","
                    + "\"bucket\":{\"name\":\"" + bucket + "\",\"ownerIdentity\":{\"principalId\":\"A3NL1KOZZKExample\"},"
                    + "\"arn\":\"arn:aws:s3:::" + bucket + "\"},"
                    + "\"object\":{\"key\":\"" + encodedKey + "\",\"size\":1024,\"eTag\":\"" + eTag + "\","
                    + "\"sequencer\":\"" + String.format("%016X", eTag.hashCode() & 0xFFFFFFFFL) + "\"}}}";
        }
    }

    static String json(List<Rec> records) {
        return "{\"Records\":[" + records.stream().map(Rec::json).collect(Collectors.joining(",")) + "]}";
    }

    static String json(Rec... records) {
        return json(List.of(records));
    }

    /** What S3 sends when a notification is first configured. */
    static String testEvent() {
        return "{\"Service\":\"Amazon S3\",\"Event\":\"s3:TestEvent\",\"Time\":\"2026-11-28T01:00:00.000Z\","
                + "\"Bucket\":\"feeder\",\"RequestId\":\"5582815E1AEA5ADF\",\"HostId\":\"8cLeGAmw098X5cv4Zkwcmo8vvZa3eH3e\"}";
    }

    static S3Event parse(String json) {
        return LambdaEventSerializers.serializerFor(S3Event.class, S3Events.class.getClassLoader())
                .fromJson(new java.io.ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)));
    }

    /** One invocation of {@code handler} with the event {@code json}, as the runtime makes it; its answer read back. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> invoke(S3EventHandler handler, String json, Context context) {
        ByteArrayOutputStream answer = new ByteArrayOutputStream();
        try {
            handler.handleRequest(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), answer, context);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return (Map<String, Object>) JsonTree.read(answer.toString(StandardCharsets.UTF_8));
    }
}
