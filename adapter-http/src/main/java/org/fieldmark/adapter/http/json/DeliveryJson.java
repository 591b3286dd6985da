package org.fieldmark.adapter.http.json;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.fieldmark.application.port.out.Delivery;

/** The API's shape of one channel's delivery of a sighting, as the outbox keeps it; keys in the order written here. */
public final class DeliveryJson {

    private DeliveryJson() {
    }

    /**
     * {@code channel}, {@code state} (lower case: pending, delivered, failed), {@code attempts},
     * {@code lastError} and {@code nextAttempt} (ISO-8601), each {@code null} when there is none.
     */
    public static Map<String, Object> of(Delivery delivery) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("channel", delivery.channel());
        map.put("state", delivery.state().name().toLowerCase(Locale.ROOT));
        map.put("attempts", delivery.attempts());
        map.put("lastError", delivery.lastError());
        map.put("nextAttempt", delivery.nextAttempt() == null ? null : delivery.nextAttempt().toString());
        return map;
    }
}
