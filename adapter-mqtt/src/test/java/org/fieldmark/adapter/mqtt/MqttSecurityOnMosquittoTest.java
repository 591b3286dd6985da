package org.fieldmark.adapter.mqtt;

import org.fieldmark.adapter.mqtt.testing.Mosquitto;
import org.fieldmark.adapter.mqtt.testing.MqttBroker;
import org.fieldmark.application.testing.OptionalTool;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Credentials and TLS against Debian's mosquitto, the broker people run: skipped where it is not installed,
 * required under CI (see {@link OptionalTool}).
 */
class MqttSecurityOnMosquittoTest extends MqttSecuritySuite {

    @RegisterExtension
    static final OptionalTool MOSQUITTO = Mosquitto.TOOL;

    @Override
    protected MqttBroker.Kind brokers() {
        return MqttBroker.MOSQUITTO;
    }

    @Override
    protected String wrongPasswordCode() {
        return "CONNECTION_REFUSED_NOT_AUTHORIZED";
    }
}
