package org.fieldmark.adapter.aws.testing;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;

/**
 * An S3 endpoint that only fails (s3proxy cannot be told to): every request meets the fault set
 * with {@link #failAlways(Fault)}, answered in S3's XML error shape, e.g. 503 SlowDown.
 */
public final class FaultyS3 extends LoopbackServer {

    @Override
    protected void answer(HttpExchange exchange, byte[] body) throws IOException {
        answerFault(exchange, Fault.error(500, "InternalError", "We encountered an internal error. Please try again."));
    }

    @Override
    protected void answerFault(HttpExchange exchange, Fault fault) throws IOException {
        send(exchange, fault.status(), "application/xml", "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
                + "<Error><Code>" + xml(fault.code()) + "</Code><Message>" + xml(fault.message()) + "</Message>"
                + "<RequestId>fake</RequestId></Error>");
    }
}
