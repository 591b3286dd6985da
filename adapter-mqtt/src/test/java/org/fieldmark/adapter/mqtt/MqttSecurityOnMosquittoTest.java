package org.fieldmark.adapter.mqtt;

import org.fieldmark.adapter.mqtt.testing.MqttBroker;

/**
 * Credentials and TLS against Debian's mosquitto, the broker people run: skipped where it is not installed,
 * required under CI (see {@link org.fieldmark.adapter.mqtt.testing.Mosquitto#TOOL}).
 */
class MqttSecurityOnMosquittoTest extends MqttSecuritySuite {

    @Override
    protected MqttBroker.Kind brokers() {
        return MqttBroker.MOSQUITTO;
    }

    @Override
    protected String wrongPasswordCode() {
        return "CONNECTION_REFUSED_NOT_AUTHORIZED";
    }
}
