package org.fieldmark.bootstrap.lambda;

import java.time.ZoneId;
import java.util.Objects;
import org.fieldmark.adapter.aws.AwsClientSettings;
import org.fieldmark.adapter.aws.s3.S3SightingSettings;
import org.fieldmark.domain.SpeciesCatalog;

/**
 * What the digest function needs, checked, read once at init by {@link LambdaEnvironment#readDigest}: only
 * the bird log, the notifier and the local time zone (no model, no photo filter).
 *
 * @param notification where the digest goes ({@code NOTIFY})
 * @param topicArn     SNS topic ({@code SNS_TOPIC_ARN}), {@code null} unless SNS
 * @param subject      SNS subject ({@code SNS_SUBJECT}), {@code null} for none
 * @param catalog      common names of reviewed species ({@code LABELS})
 * @param aws          region and endpoint overrides ({@code AWS_REGION}, {@code AWS_ENDPOINT_URL*})
 * @param sightings    the S3 bird log ({@code SIGHTINGS_BUCKET}, {@code SIGHTINGS_PREFIX}); required, since
 *                     a digest of a container's memory would always be empty
 * @param zone         the zone the day is counted in ({@code POLICY_TIME_ZONE}, default UTC)
 */
public record DigestConfiguration(LambdaConfiguration.Notify notification, String topicArn, String subject,
                                  SpeciesCatalog catalog, AwsClientSettings aws, S3SightingSettings sightings,
                                  ZoneId zone) {

    public DigestConfiguration {
        Objects.requireNonNull(notification, "notification");
        Objects.requireNonNull(catalog, "catalog");
        Objects.requireNonNull(aws, "aws");
        Objects.requireNonNull(sightings, "sightings");
        Objects.requireNonNull(zone, "zone");
    }
}
