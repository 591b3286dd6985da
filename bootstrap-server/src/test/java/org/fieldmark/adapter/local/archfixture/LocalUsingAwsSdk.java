package org.fieldmark.adapter.local.archfixture;

import software.amazon.awssdk.core.SdkBytes;

/** Deliberately bad: a non-AWS adapter that imports the AWS SDK. */
public class LocalUsingAwsSdk {
    public SdkBytes wrap(byte[] bytes) {
        return SdkBytes.fromByteArray(bytes);
    }
}
