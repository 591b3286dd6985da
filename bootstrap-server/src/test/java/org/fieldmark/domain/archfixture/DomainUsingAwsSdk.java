package org.fieldmark.domain.archfixture;

import software.amazon.awssdk.core.SdkBytes;

/** Deliberately bad: domain code that imports the AWS SDK. Only the architecture tests load it. */
public class DomainUsingAwsSdk {
    public SdkBytes wrap(byte[] bytes) {
        return SdkBytes.fromByteArray(bytes);
    }
}
