package org.fieldmark.adapter.aws.archfixture;

import software.amazon.awssdk.core.SdkBytes;

/** Good: the AWS adapter may use the AWS SDK. */
public class AwsUsingSdk {
    public SdkBytes wrap(byte[] bytes) {
        return SdkBytes.fromByteArray(bytes);
    }
}
