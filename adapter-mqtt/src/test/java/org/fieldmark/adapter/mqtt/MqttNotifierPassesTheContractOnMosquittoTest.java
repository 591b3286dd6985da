package org.fieldmark.adapter.mqtt;

import org.fieldmark.adapter.mqtt.testing.MqttBroker;

/**
 * The notifier contract against Debian's mosquitto, the broker people run: skipped where it is not installed,
 * required under CI (see {@link org.fieldmark.adapter.mqtt.testing.Mosquitto#TOOL}).
 */
class MqttNotifierPassesTheContractOnMosquittoTest extends MqttNotifierContractSuite {

    @Override
    protected MqttBroker.Kind brokers() {
        return MqttBroker.MOSQUITTO;
    }
}
