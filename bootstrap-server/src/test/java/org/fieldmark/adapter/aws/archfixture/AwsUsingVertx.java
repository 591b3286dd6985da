package org.fieldmark.adapter.aws.archfixture;

import io.vertx.core.buffer.Buffer;

/** Deliberately bad: the AWS adapter importing Vert.x. */
public class AwsUsingVertx {
    public Buffer wrap(byte[] bytes) {
        return Buffer.buffer(bytes);
    }
}
