package org.fieldmark.adapter.mqtt;

import org.fieldmark.adapter.mqtt.testing.MqttBroker;

/** The notifier contract against Moquette inside the test JVM: needs nothing installed, runs everywhere. */
class MqttNotifierPassesTheContractOnEmbeddedBrokerTest extends MqttNotifierContractSuite {

    @Override
    protected MqttBroker.Kind brokers() {
        return MqttBroker.EMBEDDED;
    }
}
