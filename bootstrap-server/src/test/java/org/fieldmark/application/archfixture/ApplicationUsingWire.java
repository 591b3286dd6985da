package org.fieldmark.application.archfixture;

import org.fieldmark.wire.json.JsonText;

/** Bad: the application hands values to ports and loggers; writing JSON is the adapters' and bootstraps' job. */
public class ApplicationUsingWire {
    public String line(Object event) {
        return JsonText.of(event);
    }
}
