package org.fieldmark.adapter.http.json;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.stream.Stream;
import org.fieldmark.application.port.out.Delivery;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The API's JSON of one channel's delivery: state in lower case, the next attempt only while pending. */
class DeliveryJsonTest {

    private static final Instant NEXT = Instant.parse("2026-11-29T08:00:00Z");

    static Stream<Arguments> deliveries() {
        return Stream.of(
                Arguments.of(Delivery.pending("mqtt", NEXT),
                        "{\"channel\":\"mqtt\",\"state\":\"pending\",\"attempts\":0,\"lastError\":null,"
                                + "\"nextAttempt\":\"2026-11-29T08:00:00Z\"}"),
                Arguments.of(Delivery.pending("log", NEXT).failedAttempt("disk full", null),
                        "{\"channel\":\"log\",\"state\":\"failed\",\"attempts\":1,\"lastError\":\"disk full\","
                                + "\"nextAttempt\":null}"),
                Arguments.of(Delivery.pending("sns", NEXT).failedAttempt("throttled", NEXT).delivered(),
                        "{\"channel\":\"sns\",\"state\":\"delivered\",\"attempts\":2,\"lastError\":\"throttled\","
                                + "\"nextAttempt\":null}"));
    }

    @ParameterizedTest
    @MethodSource("deliveries")
    void showsWhereADeliveryStands(Delivery delivery, String expected) {
        assertThat(new JsonObject(DeliveryJson.of(delivery)).encode()).isEqualTo(expected);
    }
}
