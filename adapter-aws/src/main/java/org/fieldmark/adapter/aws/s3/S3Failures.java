package org.fieldmark.adapter.aws.s3;

import org.fieldmark.adapter.aws.AwsErrors;
import org.fieldmark.application.error.StorageUnavailableException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * How the S3 stores (bird log, outbox) turn S3's failures into the application's: access denied
 * names the permissions to grant, throttling and timeouts are retryable, an unreachable S3 too.
 */
final class S3Failures {

    private S3Failures() {
    }

    /**
     * @param what      the operation, e.g. {@code save the sighting}
     * @param where     the store, e.g. {@code the outbox s3://bucket/outbox/}
     * @param resources the object ARN prefix the permissions are needed on, e.g. {@code bucket/outbox/}
     */
    static StorageUnavailableException of(S3Exception e, String what, String where, String resources) {
        if (e.statusCode() == 403) {
            return new StorageUnavailableException("access denied when trying to " + what + " " + where + " ("
                    + AwsErrors.describe(e) + "); allow s3:GetObject, s3:PutObject and s3:DeleteObject on"
                    + " arn:aws:s3:::" + resources + "* and s3:ListBucket on the bucket", false, e);
        }
        boolean retryable = AwsErrors.transientFailure(e) || "RequestTimeout".equals(AwsErrors.code(e));
        return new StorageUnavailableException("S3 could not " + what + " " + where + " (" + AwsErrors.describe(e)
                + ")" + (retryable ? "; try again later" : ""), retryable, e);
    }

    static StorageUnavailableException of(SdkClientException e, String what, String where) {
        return new StorageUnavailableException("could not reach S3 to " + what + " " + where + ": "
                + e.getMessage(), true, e);
    }
}
