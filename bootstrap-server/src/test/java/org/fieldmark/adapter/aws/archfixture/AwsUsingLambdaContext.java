package org.fieldmark.adapter.aws.archfixture;

import com.amazonaws.services.lambda.runtime.Context;

/** Deliberately bad: an adapter that imports Lambda runtime types. */
public class AwsUsingLambdaContext {
    public String requestId(Context context) {
        return context.getAwsRequestId();
    }
}
