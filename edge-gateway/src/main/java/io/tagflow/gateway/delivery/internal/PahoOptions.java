package io.tagflow.gateway.delivery.internal;

import io.tagflow.gateway.delivery.MqttPublisherOptions;
import java.nio.charset.StandardCharsets;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.common.MqttMessage;

/** Translates the publisher's options into Paho's, and Paho's disconnect reasons into words. */
public final class PahoOptions {
  private PahoOptions() {
  }

  /**
   * Clean start with no session (the outbox is the only store), Paho's automatic reconnect, the retained
   * OFFLINE health message as the will (MQTT 5 §3.1.2.5), credentials when given, TCP_NODELAY on plain
   * TCP.
   */
  public static MqttConnectionOptions connectionOptions(MqttPublisherOptions options) {
    MqttConnectionOptions o = new MqttConnectionOptions();
    o.setCleanStart(true);
    o.setSessionExpiryInterval(0L);
    o.setAutomaticReconnect(true);
    o.setAutomaticReconnectDelay((int) Math.max(1, options.reconnectMinDelay().toSeconds()),
        (int) Math.max(1, options.reconnectMaxDelay().toSeconds()));
    o.setConnectionTimeout((int) Math.max(1, options.connectTimeout().toSeconds()));
    o.setKeepAliveInterval((int) Math.max(1, options.keepAlive().toSeconds()));
    o.setReceiveMaximum(options.maxInflight());
    if (options.serverUri().startsWith("tcp://")) {
      // NoDelaySocketFactory: see there, no Nagle stall per PUBACK
      o.setSocketFactory(options.socketFactory() != null ? options.socketFactory() : NoDelaySocketFactory.INSTANCE);
    }
    if (options.username() != null) {
      o.setUserName(options.username());
    }
    if (options.password() != null) {
      o.setPassword(options.password().getBytes(StandardCharsets.UTF_8));
    }
    MqttPublisherOptions.Health health = options.health();
    if (health != null) {
      o.setWill(health.topic(), healthMessage(health.offline()));
    }
    return o;
  }

  /** A retained QoS 1 health message. */
  public static MqttMessage healthMessage(byte[] payload) {
    MqttMessage m = new MqttMessage(payload);
    m.setQos(1);
    m.setRetained(true);
    return m;
  }

  public static String describe(MqttDisconnectResponse r) {
    if (r.getException() != null) {
      return r.getException().getMessage();
    }
    return "reason code " + r.getReturnCode() + (r.getReasonString() == null ? "" : ", " + r.getReasonString());
  }
}
