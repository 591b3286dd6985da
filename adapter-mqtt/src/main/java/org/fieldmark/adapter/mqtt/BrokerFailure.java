package org.fieldmark.adapter.mqtt;

import io.netty.handler.codec.mqtt.MqttConnectReturnCode;
import io.vertx.mqtt.MqttConnectionException;
import javax.net.ssl.SSLException;

/**
 * Why the last connection attempt failed, in words for the caller, and whether trying again can
 * help: refused credentials, a rejected client id, a protocol the broker does not speak and a
 * failed TLS handshake need a configuration change; everything else may pass.
 */
record BrokerFailure(String text, boolean retryable) {

    /** The broker went away from an established connection. */
    static final BrokerFailure CLOSED_BY_BROKER = new BrokerFailure("the broker closed the connection", true);

    static BrokerFailure of(Throwable cause, MqttSettings settings) {
        if (cause instanceof MqttConnectionException refused) {
            return refused(refused.code(), settings);
        }
        for (Throwable t = cause; t != null; t = t.getCause()) {
            if (t instanceof SSLException) {
                return new BrokerFailure("the TLS handshake failed (" + t.getMessage() + "); check the MQTT CA file or "
                        + "trust store and that the broker's certificate names " + settings.host(), false);
            }
        }
        return new BrokerFailure("could not connect (" + cause.getMessage() + ")", true);
    }

    private static BrokerFailure refused(MqttConnectReturnCode code, MqttSettings settings) {
        return switch (code) {
            case CONNECTION_REFUSED_BAD_USER_NAME_OR_PASSWORD, CONNECTION_REFUSED_NOT_AUTHORIZED,
                 CONNECTION_REFUSED_BAD_USERNAME_OR_PASSWORD, CONNECTION_REFUSED_NOT_AUTHORIZED_5 ->
                    new BrokerFailure("the broker refused the credentials (" + code + "); check the MQTT user name "
                            + "and password", false);
            case CONNECTION_REFUSED_IDENTIFIER_REJECTED, CONNECTION_REFUSED_CLIENT_IDENTIFIER_NOT_VALID ->
                    new BrokerFailure("the broker rejected the client id '" + settings.clientId() + "' (" + code
                            + "); set another MQTT client id", false);
            case CONNECTION_REFUSED_UNACCEPTABLE_PROTOCOL_VERSION, CONNECTION_REFUSED_UNSUPPORTED_PROTOCOL_VERSION ->
                    new BrokerFailure("the broker does not speak MQTT 3.1.1 (" + code + ")", false);
            default -> new BrokerFailure("the broker refused the connection (" + code + ")", true);
        };
    }
}
