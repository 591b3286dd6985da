package org.fieldmark.bootstrap.lambda.archfixture;

import com.amazonaws.services.lambda.runtime.Context;
import org.fieldmark.bootstrap.server.archfixture.ServerThing;

/** Deliberately bad: one bootstrap importing the other (its Lambda import is fine). */
public class LambdaUsingServer {
    public String use(Context context) {
        return context.getAwsRequestId() + new ServerThing().port();
    }
}
