package org.fieldmark.bootstrap.lambda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.InputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.fieldmark.adapter.aws.testing.Fault;
import org.fieldmark.adapter.aws.testing.FakeSageMakerRuntime;
import org.fieldmark.adapter.aws.testing.FakeSns;
import org.fieldmark.adapter.aws.testing.S3ProxyServer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every S3, SNS and SageMaker Runtime operation Fieldmark calls, made with the SDK classes the
 * default jar keeps (its shade filters keep only these operations' model classes), against s3proxy
 * and the loopback SageMaker Runtime and SNS: {@link PackagedSdkProbe} runs them in a class loader
 * that holds the jar and the probe alone, so a class the filters left out fails the call that needs it.
 */
class PackagedSdkOperationsIT {

    static final String BUCKET = "probe-bucket";
    static final String TOPIC = "arn:aws:sns:us-east-1:123456789012:probe";
    static final String ENDPOINT = "probe-classifier";

    @TempDir
    Path probeClasses;

    @BeforeEach
    void needsThePackagedJar() {
        assumeTrue(System.getProperty("fieldmark.lambda.jar") != null,
                "runs in the integration-test phase, after package built the shaded jar");
    }

    @Test
    void everyOperationFieldmarkCallsWorksWithTheSdkClassesTheDefaultJarKeeps() throws Exception {
        try (S3ProxyServer s3 = new S3ProxyServer(); FakeSns sns = new FakeSns(Set.of(TOPIC));
             FakeSageMakerRuntime sageMaker = new FakeSageMakerRuntime(Set.of(ENDPOINT, ENDPOINT + "-failing"),
                     "[{\"label\":\"robin\",\"score\":0.9}]");
             URLClassLoader jarAlone = jarWithProbe()) {
            s3.createBucket(BUCKET);
            sageMaker.failAlwaysWhere(r -> r.rawPath().contains(ENDPOINT + "-failing"),
                    Fault.error(424, "ModelError", "cannot read the image"));
            Class<?> probe = jarAlone.loadClass(PackagedSdkProbe.class.getName());
            assertThat(probe.getClassLoader()).isSameAs(jarAlone);
            assertThat(jarAlone.loadClass("software.amazon.awssdk.services.s3.S3Client").getClassLoader())
                    .isSameAs(jarAlone);

            @SuppressWarnings("unchecked")
            Function<Map<String, String>, List<String>> calls =
                    (Function<Map<String, String>, List<String>>) probe.getConstructor().newInstance();
            List<String> answers = calls.apply(Map.of("region", S3ProxyServer.REGION, "accessKey",
                    S3ProxyServer.ACCESS_KEY, "secretKey", S3ProxyServer.SECRET_KEY, "s3", s3.endpoint().toString(),
                    "sns", sns.endpoint().toString(), "sagemaker", sageMaker.endpoint().toString(), "bucket", BUCKET,
                    "topic", TOPIC, "endpoint", ENDPOINT));

            assertThat(answers).containsExactly(
                    "putObject: etag true",
                    "putObject If-None-Match on a new key: written",
                    "putObject If-None-Match on that key again: S3Exception 412",
                    "putObject If-Match the current etag: written",
                    "putObject If-Match a stale etag: S3Exception 412",
                    "headObject: 7 bytes, application/json",
                    "headObject of a missing key: NoSuchKeyException 404",
                    "getObject: {\"a\":1} application/json, etag true",
                    "getObject of a missing key: NoSuchKeyException 404",
                    "getObject in a missing bucket: NoSuchBucketException 404",
                    "getObjectAsBytes: done, modified true",
                    "presigned GET: 200 {\"a\":1}",
                    "presigned GET on AWS: https://probe-bucket.s3.amazonaws.com/probe/a.json, signed true",
                    "listObjectsV2, one key a page: [probe/a.json, probe/marker, probe/sub/]",
                    "copyObject: {\"a\":1}",
                    "deleteObjects: [probe/copy.json, probe/sub/b.jpg]",
                    "deleteObject, then listObjectsV2: [probe/a.json]",
                    "publish: message id true",
                    "publish to a missing topic: NotFoundException 404",
                    "invokeEndpoint: [{\"label\":\"robin\",\"score\":0.9}]",
                    "invokeEndpoint of a missing endpoint: ValidationErrorException 400",
                    "invokeEndpoint of a failing model: ModelErrorException, the model answered HTTP 400, log stream true");
            assertThat(sns.published()).singleElement().satisfies(p -> {
                assertThat(p.subject()).isEqualTo("Fieldmark");
                assertThat(p.attributes()).containsEntry("type", new FakeSns.Attribute("String", "identification"));
            });
            assertThat(sageMaker.invocations()).extracting(FakeSageMakerRuntime.Invocation::contentType)
                    .containsOnly("application/x-image");
        }
    }

    /** The packaged jar and the probe's class file, on nothing but the JDK's platform classes. */
    private URLClassLoader jarWithProbe() throws Exception {
        String file = PackagedSdkProbe.class.getName().replace('.', '/') + ".class";
        Path copy = probeClasses.resolve(file);
        Files.createDirectories(copy.getParent());
        try (InputStream in = PackagedSdkProbe.class.getClassLoader().getResourceAsStream(file)) {
            Files.copy(in, copy);
        }
        URL jar = Path.of(System.getProperty("fieldmark.lambda.jar")).toUri().toURL();
        return new URLClassLoader(new URL[] {jar, probeClasses.toUri().toURL()}, ClassLoader.getPlatformClassLoader());
    }
}
