package org.fieldmark.adapter.http.archfixture;

import software.amazon.awssdk.thirdparty.jackson.core.JsonFactory;

/** Bad: the SDK's relocated copy of jackson-core is the SDK's; Fieldmark's code names com.fasterxml.jackson.core. */
public class HttpUsingSdkShadedJackson {
    public Object factory() {
        return new JsonFactory();
    }
}
