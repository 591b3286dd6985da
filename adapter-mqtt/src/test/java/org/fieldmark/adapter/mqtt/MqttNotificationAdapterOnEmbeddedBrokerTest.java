package org.fieldmark.adapter.mqtt;

import org.fieldmark.adapter.mqtt.testing.MqttBroker;

/** The notifier against Moquette inside the test JVM: needs nothing installed, runs everywhere. */
class MqttNotificationAdapterOnEmbeddedBrokerTest extends MqttNotificationAdapterSuite {

    @Override
    protected MqttBroker.Kind brokers() {
        return MqttBroker.EMBEDDED;
    }

    @Override
    protected boolean flagsRetainedMessages() {
        return false;
    }
}
