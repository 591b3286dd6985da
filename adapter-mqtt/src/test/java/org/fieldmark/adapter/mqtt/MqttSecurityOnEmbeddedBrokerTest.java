package org.fieldmark.adapter.mqtt;

import org.fieldmark.adapter.mqtt.testing.MqttBroker;

/** Credentials and TLS against Moquette inside the test JVM: needs nothing installed, runs everywhere. */
class MqttSecurityOnEmbeddedBrokerTest extends MqttSecuritySuite {

    @Override
    protected MqttBroker.Kind brokers() {
        return MqttBroker.EMBEDDED;
    }

    @Override
    protected String wrongPasswordCode() {
        return "CONNECTION_REFUSED_BAD_USER_NAME_OR_PASSWORD";
    }
}
