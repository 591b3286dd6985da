package org.fieldmark.bootstrap.lambda;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.fieldmark.adapter.aws.AwsClientSettings;
import org.fieldmark.adapter.aws.AwsClients;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CommonPrefix;
import software.amazon.awssdk.services.s3.model.DeletedObject;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;
import software.amazon.awssdk.services.s3.model.S3Object;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;
import software.amazon.awssdk.services.sagemakerruntime.SageMakerRuntimeClient;
import software.amazon.awssdk.services.sagemakerruntime.model.ModelErrorException;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.model.MessageAttributeValue;

/**
 * Runs, inside a class loader that holds only the packaged jar and this class, every S3, SNS and
 * SageMaker Runtime operation Fieldmark calls (and CopyObject and DeleteObjects, which it is about
 * to), on clients built by the jar's {@link AwsClients}, and says what each answered, one line per
 * call. {@link PackagedSdkOperationsIT} loads it; it names only JDK types across that boundary.
 */
public final class PackagedSdkProbe implements Function<Map<String, String>, List<String>> {

    private final List<String> answers = new ArrayList<>();

    @Override
    public List<String> apply(Map<String, String> config) {
        AwsClientSettings settings = AwsClientSettings.local(config.get("region"), URI.create(config.get("s3")))
                .withServiceEndpoints(null, URI.create(config.get("sagemaker")), URI.create(config.get("sns")))
                .withMaxAttempts(1);
        StaticCredentialsProvider credentials = StaticCredentialsProvider.create(
                AwsBasicCredentials.create(config.get("accessKey"), config.get("secretKey")));
        AwsClients clients = new AwsClients(settings, credentials);
        // AWS's own endpoints, as in Lambda: only presigned (local work), never called.
        AwsClients aws = new AwsClients(new AwsClientSettings(config.get("region"), null, null, null, null, 0, null, null),
                credentials);
        try (S3Client s3 = clients.s3(); S3Presigner presigner = clients.s3Presigner();
             S3Presigner awsPresigner = aws.s3Presigner();
             SnsClient sns = clients.sns(); SageMakerRuntimeClient sageMaker = clients.sageMakerRuntime()) {
            String bucket = config.get("bucket");
            writes(s3, bucket);
            reads(s3, presigner, bucket);
            URI link = URI.create(awsPresigner.presignGetObject(p -> p.signatureDuration(Duration.ofMinutes(5))
                    .getObjectRequest(g -> g.bucket(bucket).key("probe/a.json"))).url().toString());
            answers.add("presigned GET on AWS: " + link.getScheme() + "://" + link.getHost() + link.getPath() + ", signed "
                    + link.getQuery().contains("X-Amz-Signature="));
            listsCopiesAndDeletes(s3, bucket);
            publishes(sns, config.get("topic"));
            invokes(sageMaker, config.get("endpoint"));
        }
        return answers;
    }

    private void writes(S3Client s3, String bucket) {
        String etag = s3.putObject(r -> r.bucket(bucket).key("probe/a.json").contentType("application/json"),
                RequestBody.fromString("{\"a\":1}", StandardCharsets.UTF_8)).eTag();
        answers.add("putObject: etag " + (etag != null && !etag.isEmpty()));
        s3.putObject(r -> r.bucket(bucket).key("probe/sub/b.jpg").contentType("image/jpeg"),
                RequestBody.fromBytes(new byte[] {1, 2, 3}));
        String marker = s3.putObject(r -> r.bucket(bucket).key("probe/marker").ifNoneMatch("*"),
                RequestBody.fromString("claimed", StandardCharsets.UTF_8)).eTag();
        answers.add("putObject If-None-Match on a new key: written");
        answers.add("putObject If-None-Match on that key again: " + failure(() -> s3.putObject(
                r -> r.bucket(bucket).key("probe/marker").ifNoneMatch("*"), RequestBody.fromString("again"))));
        s3.putObject(r -> r.bucket(bucket).key("probe/marker").ifMatch(marker), RequestBody.fromString("done"));
        answers.add("putObject If-Match the current etag: written");
        answers.add("putObject If-Match a stale etag: " + failure(() -> s3.putObject(
                r -> r.bucket(bucket).key("probe/marker").ifMatch(marker), RequestBody.fromString("late"))));
    }

    private void reads(S3Client s3, S3Presigner presigner, String bucket) {
        HeadObjectResponse head = s3.headObject(r -> r.bucket(bucket).key("probe/a.json"));
        answers.add("headObject: " + head.contentLength() + " bytes, " + head.contentType());
        answers.add("headObject of a missing key: " + failure(() -> s3.headObject(r -> r.bucket(bucket).key("probe/no"))));
        try (ResponseInputStream<GetObjectResponse> body = s3.getObject(r -> r.bucket(bucket).key("probe/a.json"))) {
            answers.add("getObject: " + new String(body.readAllBytes(), StandardCharsets.UTF_8) + " "
                    + body.response().contentType() + ", etag " + (body.response().eTag() != null));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        answers.add("getObject of a missing key: " + failure(() -> s3.getObject(r -> r.bucket(bucket).key("probe/no"))));
        answers.add("getObject in a missing bucket: "
                + failure(() -> s3.getObject(r -> r.bucket("no-such-bucket").key("probe/a.json"))));
        ResponseBytes<GetObjectResponse> bytes = s3.getObjectAsBytes(r -> r.bucket(bucket).key("probe/marker"));
        answers.add("getObjectAsBytes: " + bytes.asUtf8String() + ", modified " + (bytes.response().lastModified() != null));
        URI link = URI.create(presigner.presignGetObject(p -> p.signatureDuration(Duration.ofMinutes(5))
                .getObjectRequest(g -> g.bucket(bucket).key("probe/a.json"))).url().toString());
        answers.add("presigned GET: " + fetch(link));
    }

    private void listsCopiesAndDeletes(S3Client s3, String bucket) {
        answers.add("listObjectsV2, one key a page: " + listing(s3, bucket));
        s3.copyObject(r -> r.sourceBucket(bucket).sourceKey("probe/a.json").destinationBucket(bucket)
                .destinationKey("probe/copy.json"));
        answers.add("copyObject: " + s3.getObjectAsBytes(r -> r.bucket(bucket).key("probe/copy.json")).asUtf8String());
        List<String> deleted = s3.deleteObjects(r -> r.bucket(bucket).delete(d -> d.objects(
                        ObjectIdentifier.builder().key("probe/copy.json").build(),
                        ObjectIdentifier.builder().key("probe/sub/b.jpg").build())))
                .deleted().stream().map(DeletedObject::key).sorted().toList();
        answers.add("deleteObjects: " + deleted);
        s3.deleteObject(r -> r.bucket(bucket).key("probe/marker"));
        answers.add("deleteObject, then listObjectsV2: " + listing(s3, bucket));
    }

    /** Keys and common prefixes under {@code probe/}, following continuation tokens. */
    private static List<String> listing(S3Client s3, String bucket) {
        List<String> found = new ArrayList<>();
        String token = null;
        do {
            String continuation = token;
            ListObjectsV2Response page = s3.listObjectsV2(r -> r.bucket(bucket).prefix("probe/").delimiter("/")
                    .maxKeys(1).continuationToken(continuation));
            page.contents().stream().map(S3Object::key).forEach(found::add);
            page.commonPrefixes().stream().map(CommonPrefix::prefix).forEach(found::add);
            token = Boolean.TRUE.equals(page.isTruncated()) ? page.nextContinuationToken() : null;
        } while (token != null);
        return found;
    }

    private void publishes(SnsClient sns, String topic) {
        String id = sns.publish(r -> r.topicArn(topic).subject("Fieldmark").message("Bird [probe] is a: Robin(0.90)")
                .messageAttributes(Map.of("type", MessageAttributeValue.builder().dataType("String")
                        .stringValue("identification").build()))).messageId();
        answers.add("publish: message id " + (id != null && !id.isEmpty()));
        answers.add("publish to a missing topic: " + failure(() -> sns.publish(r -> r.topicArn(topic + "-gone")
                .message("lost"))));
    }

    private void invokes(SageMakerRuntimeClient sageMaker, String endpoint) {
        String body = sageMaker.invokeEndpoint(r -> r.endpointName(endpoint).contentType("application/x-image")
                .accept("application/json").body(SdkBytes.fromByteArray(new byte[] {9}))).body().asUtf8String();
        answers.add("invokeEndpoint: " + body);
        answers.add("invokeEndpoint of a missing endpoint: " + failure(() -> sageMaker.invokeEndpoint(
                r -> r.endpointName(endpoint + "-gone").contentType("application/x-image").body(SdkBytes.fromUtf8String("x")))));
        try {
            sageMaker.invokeEndpoint(r -> r.endpointName(endpoint + "-failing").contentType("application/x-image")
                    .body(SdkBytes.fromUtf8String("x")));
            answers.add("invokeEndpoint of a failing model: answered");
        } catch (ModelErrorException e) {
            answers.add("invokeEndpoint of a failing model: ModelErrorException, the model answered HTTP "
                    + e.originalStatusCode() + ", log stream " + (e.logStreamArn() != null));
        }
    }

    /** The exception's class and, for a service's, its HTTP status; "no failure" when the call succeeded. */
    private static String failure(Runnable call) {
        try {
            call.run();
            return "no failure";
        } catch (SdkException e) {
            return e.getClass().getSimpleName() + (e instanceof AwsServiceException service ? " " + service.statusCode() : "");
        }
    }

    private static String fetch(URI link) {
        try {
            HttpURLConnection connection = (HttpURLConnection) link.toURL().openConnection();
            try (InputStream in = connection.getInputStream()) {
                return connection.getResponseCode() + " " + new String(in.readAllBytes(), StandardCharsets.UTF_8);
            } finally {
                connection.disconnect();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
