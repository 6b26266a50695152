package io.tagflow.bench;

import io.tagflow.controlplane.model.BinSpec;
import io.tagflow.controlplane.model.DoorSpec;
import io.tagflow.controlplane.model.SiteLayout;
import io.tagflow.protocol.event.Direction;
import io.tagflow.protocol.event.EventCodec;
import io.tagflow.protocol.event.EventIds;
import io.tagflow.protocol.event.MovementEvent;
import io.tagflow.protocol.event.MovementEvidence;
import io.tagflow.protocol.event.TagObservation;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttClientException;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;

/**
 * The ingest benchmark's workload ({@link IngestBench}): site {@value #SITE} with two doors and 100
 * bins, a registry of {@value #TAG_POOL} tags in lots of 100, and movements of {@value #TAGS} tags
 * each drawn round-robin from it, encoded as the gateway sends them. {@link #publish} is also the
 * other control-plane benchmarks' way to publish at QoS 1.
 */
final class IngestTraffic {
  static final String SITE = "dc1";
  static final String GATEWAY = "gw-bench";
  static final int TAGS = 20;
  static final int TAG_POOL = 100_000;

  private final EventCodec codec;
  private final EventIds ids = EventIds.system();
  private int nextTag;

  IngestTraffic(EventCodec codec) {
    this.codec = codec;
  }

  static SiteLayout layout() {
    List<BinSpec> bins = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      bins.add(new BinSpec(String.format("B-%03d", i), 40));
    }
    return new SiteLayout(SITE, "Bench DC", false, List.of(new DoorSpec("door-1", List.of()),
        new DoorSpec("door-2", List.of())), bins);
  }

  /**
   * Registers the tag pool, {@value #TAG_POOL} tags in lots of 100, as a site's registry would hold
   * them: with unregistered tags every movement would raise an anomaly, an anomaly storm rather than
   * the steady traffic this measures.
   */
  static void register(Connection db) throws Exception {
    try (Statement s = db.createStatement()) {
      s.executeUpdate("INSERT INTO lots (lot_id, gtin) SELECT 'LOT-' || g, '09506000134352' FROM generate_series(0, "
          + (TAG_POOL / 100 - 1) + ") g");
      s.executeUpdate("INSERT INTO tags (epc, lot_id) SELECT '3034257BF7194E40' || lpad(upper(to_hex(g)), 8, '0'),"
          + " 'LOT-' || (g / 100) FROM generate_series(0, " + (TAG_POOL - 1) + ") g");
    }
  }

  /** Movements of 20 tags each (drawn round-robin from a pool), ids now, encoded as the gateway sends them. */
  List<MovementEvent> movements(int n) {
    List<MovementEvent> result = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      UUID id = ids.next();
      Instant end = EventIds.timestampOf(id);
      MovementEvent.Builder b = MovementEvent.builder().movementId(id).site(SITE).gateway(GATEWAY)
          .door(i % 2 == 0 ? "door-1" : "door-2").direction(i % 2 == 0 ? Direction.IN : Direction.OUT)
          .confidence(0.9).startedAt(end.minusSeconds(3)).endedAt(end).evidence(new MovementEvidence(4, 6, 3.5, null));
      for (int t = 0; t < TAGS; t++) {
        String epc = String.format("3034257BF7194E40%08X", nextTag++ % TAG_POOL);
        b.tag(new TagObservation(epc, null, end.minusSeconds(3), end, 5, -52.0));
      }
      result.add(b.build());
    }
    return result;
  }

  List<byte[]> encode(int n) {
    return movements(n).stream().map(codec::encode).toList();
  }

  /** Publishes at QoS 1, waiting while Paho's in-flight window is full. */
  static void publish(MqttAsyncClient publisher, String topic, byte[] payload) throws Exception {
    MqttMessage m = new MqttMessage(payload);
    m.setQos(1);
    while (true) {
      try {
        publisher.publish(topic, m);
        return;
      } catch (MqttException e) {
        if (e.getReasonCode() != MqttClientException.REASON_CODE_MAX_INFLIGHT) {
          throw e;
        }
        TimeUnit.MICROSECONDS.sleep(200); // in-flight window full: wait for PUBACKs
      }
    }
  }
}
