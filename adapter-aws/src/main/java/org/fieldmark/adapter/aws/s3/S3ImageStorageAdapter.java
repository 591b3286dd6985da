package org.fieldmark.adapter.aws.s3;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Objects;
import org.fieldmark.adapter.aws.AwsErrors;
import org.fieldmark.application.error.EmptyImageException;
import org.fieldmark.application.error.ImageNotFoundException;
import org.fieldmark.application.error.ImageTooLargeException;
import org.fieldmark.application.error.InvalidRequestException;
import org.fieldmark.application.error.StorageUnavailableException;
import org.fieldmark.application.port.out.ImageBytes;
import org.fieldmark.application.port.out.ImageReference;
import org.fieldmark.application.port.out.ImageStoragePort;
import org.fieldmark.application.port.out.StoredImage;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Reads images with GetObject. The size limit and emptiness are decided on the response's
 * {@code Content-Length} before a byte of the body is read (an oversize body is aborted, not
 * drained), so a 200 MB upload costs one request and no transfer. The version reported is the
 * object's version id when the bucket is versioned, its ETag otherwise.
 */
public final class S3ImageStorageAdapter implements ImageStoragePort {

    private final S3Client s3;
    private final S3StorageSettings settings;

    public S3ImageStorageAdapter(S3Client s3, S3StorageSettings settings) {
        this.s3 = Objects.requireNonNull(s3, "s3");
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    @Override
    public StoredImage fetch(ImageReference reference) {
        Objects.requireNonNull(reference, "reference");
        if (reference.bucket().isEmpty()) {
            throw new InvalidRequestException("an S3 image needs a bucket; got only the key '" + reference.key() + "'");
        }
        String where = "s3://" + reference.bucket() + "/" + reference.key();
        try (ResponseInputStream<GetObjectResponse> body =
                     s3.getObject(r -> r.bucket(reference.bucket()).key(reference.key()))) {
            GetObjectResponse response = body.response();
            Long declared = response.contentLength();
            if (declared != null && declared == 0) {
                throw empty(where);
            }
            if (declared != null && declared > settings.maxImageBytes()) {
                body.abort();
                throw new ImageTooLargeException("image '" + where + "'", declared, settings.maxImageBytes());
            }
            byte[] bytes = readAtMost(body, settings.maxImageBytes() + 1);
            if (bytes.length == 0) {
                throw empty(where);
            }
            if (bytes.length > settings.maxImageBytes()) {
                body.abort();
                throw new ImageTooLargeException("image '" + where + "' (no Content-Length; reading stopped at)",
                        bytes.length, settings.maxImageBytes());
            }
            String version = response.versionId() != null && !response.versionId().equals("null")
                    ? response.versionId() : unquote(response.eTag());
            return new StoredImage(reference, new ImageBytes(bytes, response.contentType()), version);
        } catch (NoSuchKeyException e) {
            throw new ImageNotFoundException("no image at " + where + " (" + AwsErrors.describe(e)
                    + "); check the key, or whether the object was deleted before it was read", e);
        } catch (NoSuchBucketException e) {
            throw new ImageNotFoundException("bucket '" + reference.bucket() + "' does not exist, so there is no image at "
                    + where + " (" + AwsErrors.describe(e) + ")", e);
        } catch (S3Exception e) {
            throw serviceError(where, reference, e);
        } catch (ApiCallTimeoutException | ApiCallAttemptTimeoutException e) {
            throw new StorageUnavailableException("reading " + where + " timed out: " + e.getMessage(), true, e);
        } catch (SdkClientException e) {
            throw new StorageUnavailableException("could not reach S3 to read " + where + ": " + e.getMessage(), true, e);
        } catch (IOException e) {
            throw new StorageUnavailableException("reading the body of " + where + " failed: " + e, true, e);
        }
    }

    private static RuntimeException serviceError(String where, ImageReference reference, S3Exception e) {
        String code = AwsErrors.code(e);
        if (e.statusCode() == 404) {
            return new ImageNotFoundException("no image at " + where + " (" + AwsErrors.describe(e) + ")", e);
        }
        if (e.statusCode() == 403) {
            return new StorageUnavailableException("access denied reading " + where + " (" + AwsErrors.describe(e)
                    + "); allow s3:GetObject on arn:aws:s3:::" + reference.bucket() + "/" + reference.key()
                    + " and check the credentials", false, e);
        }
        boolean retryable = AwsErrors.transientFailure(e) || "RequestTimeout".equals(code);
        return new StorageUnavailableException("S3 could not serve " + where + " (" + AwsErrors.describe(e) + ")"
                + (retryable ? "; try again later" : ""), retryable, e);
    }

    private static EmptyImageException empty(String where) {
        return new EmptyImageException("image '" + where + "' is empty (0 bytes); upload the photo again");
    }

    private static byte[] readAtMost(InputStream in, long limit) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[64 * 1024];
        long total = 0;
        int n;
        while (total < limit && (n = in.read(buffer, 0, (int) Math.min(buffer.length, limit - total))) > 0) {
            out.write(buffer, 0, n);
            total += n;
        }
        return out.toByteArray();
    }

    private static String unquote(String etag) {
        if (etag == null) {
            return null;
        }
        return etag.length() >= 2 && etag.startsWith("\"") && etag.endsWith("\"")
                ? etag.substring(1, etag.length() - 1) : etag;
    }
}
