package io.tagflow.gateway.delivery;

import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.paho.mqttv5.client.IMqttAsyncClient;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttActionListener;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;

/**
 * A stand-in for Paho's {@link IMqttAsyncClient} that records publications and lets the test decide
 * when PUBACKs arrive and when the connection drops. Like Paho, it refuses a publish with reason code
 * 32202 when more than {@code pahoLimit} publications are outstanding.
 */
final class FakeMqttClient {
  record Published(String topic, MqttMessage message, Object context, MqttActionListener listener) {
    String payload() {
      return new String(message.getPayload(), java.nio.charset.StandardCharsets.UTF_8);
    }
  }

  final BlockingQueue<Published> published = new LinkedBlockingQueue<>();
  final List<MqttMessage> direct = new ArrayList<>();
  final AtomicInteger maxInflightRefusals = new AtomicInteger();
  private final Set<Object> outstanding = new HashSet<>();
  private final int pahoLimit;
  private volatile MqttCallback callback;
  private volatile boolean connected;

  FakeMqttClient(int pahoLimit) {
    this.pahoLimit = pahoLimit;
  }

  IMqttAsyncClient client() {
    return (IMqttAsyncClient) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {IMqttAsyncClient.class},
        (proxy, method, args) -> switch (method.getName()) {
          case "setCallback" -> {
            callback = (MqttCallback) args[0];
            yield null;
          }
          case "connect" -> {
            connected = true;
            Thread t = new Thread(() -> callback.connectComplete(false, "tcp://fake:1883"));
            t.start();
            yield token(null, new int[] {0});
          }
          case "publish" -> publish(args);
          case "isConnected" -> connected;
          case "disconnect" -> {
            connected = false;
            yield token(null, new int[] {0});
          }
          case "close" -> null;
          case "getServerURI", "getCurrentServerURI" -> "tcp://fake:1883";
          case "toString" -> "FakeMqttClient";
          case "hashCode" -> System.identityHashCode(proxy);
          case "equals" -> proxy == args[0];
          default -> throw new UnsupportedOperationException(method.getName());
        });
  }

  private Object publish(Object[] args) throws MqttException {
    if (args.length == 2) {
      synchronized (this) {
        direct.add((MqttMessage) args[1]);
      }
      return token(null, new int[] {0});
    }
    synchronized (this) {
      if (outstanding.size() >= pahoLimit) {
        maxInflightRefusals.incrementAndGet();
        throw new MqttException(32202);
      }
      outstanding.add(args[2]);
    }
    published.add(new Published((String) args[0], (MqttMessage) args[1], args[2], (MqttActionListener) args[3]));
    return token(args[2], null);
  }

  Published next() throws InterruptedException {
    Published p = published.poll(5, TimeUnit.SECONDS);
    if (p == null) {
      throw new AssertionError("nothing was published within 5 s");
    }
    return p;
  }

  /** Waits briefly and returns what was published meanwhile, or null. */
  Published nextWithin(long millis) throws InterruptedException {
    return published.poll(millis, TimeUnit.MILLISECONDS);
  }

  void ack(Published p) {
    ack(p, 0);
  }

  void ack(Published p, int reasonCode) {
    synchronized (this) {
      outstanding.remove(p.context());
    }
    p.listener().onSuccess(token(p.context(), new int[] {reasonCode}));
  }

  /** The connection drops: Paho forgets what was outstanding and tells the callback. */
  void dropConnection() {
    synchronized (this) {
      outstanding.clear();
    }
    connected = false;
    callback.disconnected(new MqttDisconnectResponse(new MqttException(32109)));
  }

  void reconnect() {
    connected = true;
    callback.connectComplete(true, "tcp://fake:1883");
  }

  synchronized List<MqttMessage> directMessages() {
    return List.copyOf(direct);
  }

  private static IMqttToken token(Object context, int[] reasonCodes) {
    return (IMqttToken) Proxy.newProxyInstance(FakeMqttClient.class.getClassLoader(), new Class<?>[] {IMqttToken.class},
        (proxy, method, args) -> switch (method.getName()) {
          case "getUserContext" -> context;
          case "getReasonCodes" -> reasonCodes;
          case "isComplete" -> true;
          default -> null;
        });
  }
}
