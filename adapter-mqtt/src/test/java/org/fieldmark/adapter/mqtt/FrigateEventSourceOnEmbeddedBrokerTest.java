package org.fieldmark.adapter.mqtt;

import org.fieldmark.adapter.mqtt.testing.MqttBroker;

/** Frigate's events through Moquette inside the test JVM: needs nothing installed. */
class FrigateEventSourceOnEmbeddedBrokerTest extends FrigateEventSourceSuite {

    @Override
    protected MqttBroker.Kind brokers() {
        return MqttBroker.EMBEDDED;
    }
}
