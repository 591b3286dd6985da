package org.fieldmark.adapter.http.archfixture;

import com.fasterxml.jackson.databind.ObjectMapper;

/** Bad: Jackson's data binding is more than the streaming core every runtime shares. */
public class HttpUsingDatabind {
    public Object read(String text) throws Exception {
        return new ObjectMapper().readTree(text);
    }
}
