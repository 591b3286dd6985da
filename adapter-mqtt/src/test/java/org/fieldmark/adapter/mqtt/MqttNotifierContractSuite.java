package org.fieldmark.adapter.mqtt;

import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.util.List;
import org.fieldmark.adapter.mqtt.testing.MqttBroker;
import org.fieldmark.adapter.mqtt.testing.MqttProbe;
import org.fieldmark.application.port.out.NotificationPort;
import org.fieldmark.application.testing.NotificationPortContract;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shared notifier contract, delivered through a real broker (each subclass names which);
 * breaking the channel kills the broker.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class MqttNotifierContractSuite extends NotificationPortContract {

    private Path dir;

    private Vertx vertx;
    private MqttBroker broker;
    private MqttNotificationAdapter notifier;
    private MqttProbe probe;
    private boolean killed;

    /** The kind of broker the contract is delivered through. */
    protected abstract MqttBroker.Kind brokers();

    @BeforeAll
    void startBroker(@TempDir Path dir) {
        this.dir = dir;
        vertx = Vertx.vertx();
        broker = brokers().anonymous(dir);
    }

    @AfterAll
    void stopBroker() {
        if (broker != null) {
            broker.close();
        }
        vertx.close();
    }

    @BeforeEach
    void connect() {
        probe = MqttProbe.subscribe(vertx, broker.port(), "fieldmark/+/sighting", "fieldmark/digest");
        notifier = new MqttNotificationAdapter(vertx, MqttNotificationAdapterSuite.settingsFor(broker.url(), "contract"));
    }

    @AfterEach
    void disconnect() {
        notifier.close();
        probe.close();
        if (killed) {
            broker.restart();
        }
    }

    @Override
    protected NotificationPort notifier() {
        return notifier;
    }

    @Override
    protected List<String> deliveredMessages() {
        return probe.flush().stream().map(m -> m.json().getString("message")).toList();
    }

    @Override
    protected void breakChannel() {
        broker.kill();
        killed = true;
    }
}
