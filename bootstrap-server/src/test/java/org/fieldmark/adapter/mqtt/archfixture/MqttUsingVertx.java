package org.fieldmark.adapter.mqtt.archfixture;

import io.vertx.core.buffer.Buffer;

/** Fine: the MQTT adapter is built on Vert.x. */
public class MqttUsingVertx {
    public Buffer wrap(byte[] bytes) {
        return Buffer.buffer(bytes);
    }
}
