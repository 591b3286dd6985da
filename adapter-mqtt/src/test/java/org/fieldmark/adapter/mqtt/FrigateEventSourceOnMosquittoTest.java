package org.fieldmark.adapter.mqtt;

import org.fieldmark.adapter.mqtt.testing.Mosquitto;
import org.fieldmark.adapter.mqtt.testing.MqttBroker;
import org.fieldmark.application.testing.OptionalTool;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Frigate's events through Debian's mosquitto, the broker Frigate users run: skipped where it is
 * not installed, required under CI (see {@link OptionalTool}).
 */
class FrigateEventSourceOnMosquittoTest extends FrigateEventSourceSuite {

    @RegisterExtension
    static final OptionalTool MOSQUITTO = Mosquitto.TOOL;

    @Override
    protected MqttBroker.Kind brokers() {
        return MqttBroker.MOSQUITTO;
    }
}
