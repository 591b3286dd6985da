package org.fieldmark.adapter.mqtt.archfixture;

import org.fieldmark.adapter.http.archfixture.HttpUsingVertx;

/** Deliberately bad: the MQTT adapter importing the HTTP adapter. */
public class MqttUsingHttp {
    public Object use() {
        return new HttpUsingVertx();
    }
}
