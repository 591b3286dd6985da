package org.fieldmark.adapter.aws;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.fieldmark.adapter.aws.testing.S3ProxyServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The S3 client AwsClients builds for a stand-in leaves every kept-alive connection usable: a
 * PUT whose body the server did not read to the end makes it close the connection after
 * answering, and the next PUT on it fails before the SDK's retries (which hid it until a
 * loaded machine made every attempt fail).
 */
class AwsClientsStandInTest {

    private static final String BUCKET = "stand-in";
    private static S3ProxyServer s3;

    @BeforeAll
    static void start() {
        s3 = new S3ProxyServer();
        s3.createBucket(BUCKET);
    }

    @AfterAll
    static void stop() {
        s3.close();
    }

    @Test
    void putsBackToBackOverKeptAliveConnectionsWithoutNeedingARetry() {
        byte[][] bodies = {new byte[0], "a note".getBytes(StandardCharsets.UTF_8), new byte[1000]};
        List<String> failures = new ArrayList<>();
        try (S3Client client = new AwsClients(AwsClientSettings.local(S3ProxyServer.REGION, s3.endpoint())
                .withMaxAttempts(1), S3ProxyServer.credentials()).s3()) {
            for (int i = 0; i < 90; i++) {
                byte[] body = bodies[i % bodies.length];
                String key = "put-" + i;
                try {
                    client.putObject(r -> r.bucket(BUCKET).key(key), RequestBody.fromBytes(body));
                } catch (RuntimeException e) {
                    failures.add(key + " (" + body.length + " bytes): " + e.getMessage());
                }
            }
        }

        assertThat(failures).isEmpty();
    }
}
