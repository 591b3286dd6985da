/**
 * Notification by MQTT: each notified sighting as JSON on {@code fieldmark/<source>/sighting}
 * (QoS 1, acknowledged), with Home Assistant discovery configs so the sensors appear by
 * themselves ({@link org.fieldmark.adapter.mqtt.MqttNotificationAdapter}).
 */
package org.fieldmark.adapter.mqtt;
