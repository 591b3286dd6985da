package org.fieldmark.adapter.mqtt;

import org.fieldmark.adapter.mqtt.testing.MqttBroker;

/**
 * The notifier against Debian's mosquitto, the broker people run: skipped where it is not installed,
 * required under CI (see {@link org.fieldmark.adapter.mqtt.testing.Mosquitto#TOOL}).
 */
class MqttNotificationAdapterOnMosquittoTest extends MqttNotificationAdapterSuite {

    @Override
    protected MqttBroker.Kind brokers() {
        return MqttBroker.MOSQUITTO;
    }
}
