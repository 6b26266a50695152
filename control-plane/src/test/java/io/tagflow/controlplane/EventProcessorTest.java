package io.tagflow.controlplane;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tagflow.controlplane.anomaly.Anomaly;
import io.tagflow.controlplane.anomaly.AnomalyService;
import io.tagflow.controlplane.anomaly.AnomalyStatus;
import io.tagflow.controlplane.anomaly.AnomalyType;
import io.tagflow.controlplane.fixtures.Events;
import io.tagflow.controlplane.fixtures.FakeClock;
import io.tagflow.controlplane.fixtures.InMemoryStore;
import io.tagflow.controlplane.fixtures.Layouts;
import io.tagflow.controlplane.live.LiveState;
import io.tagflow.controlplane.repository.AnomalyRepository;
import io.tagflow.protocol.event.Direction;
import io.tagflow.protocol.event.Event;
import io.tagflow.protocol.event.ReaderState;
import io.tagflow.protocol.event.ReaderStatusEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The processor stores the anomalies of a batch together, without reordering raise and recovery. */
class EventProcessorTest {
  private static final Instant T0 = Instant.parse("2026-11-21T08:00:00Z");

  private final FakeClock clock = new FakeClock(T0);
  private final InMemoryStore store = new InMemoryStore();
  private final List<Integer> insertCalls = new ArrayList<>();
  /** The store's anomalies, counting the calls that store several at once. */
  private final AnomalyRepository counting = new AnomalyRepository() {
    @Override
    public boolean insert(Anomaly a) {
      return !insertAll(List.of(a)).isEmpty();
    }

    @Override
    public List<Anomaly> insertAll(List<Anomaly> batch) {
      insertCalls.add(batch.size());
      return store.insertAll(batch);
    }

    @Override
    public Optional<Anomaly> findAnomaly(String id) {
      return store.findAnomaly(id);
    }

    @Override
    public List<Anomaly> list(String site, AnomalyStatus status, int limit) {
      return store.list(site, status, limit);
    }

    @Override
    public boolean updateStatus(Anomaly changed, AnomalyStatus expected) {
      return store.updateStatus(changed, expected);
    }
  };
  private final AnomalyService anomalies = new AnomalyService(counting, clock, new SimpleMeterRegistry(), a -> { });
  private final EventProcessor processor = new EventProcessor(List.of(Layouts.dc1(false)),
      new LiveState(List.of(Layouts.dc1(false)), store), d -> { }, anomalies, store, store, store,
      Duration.ofMinutes(15), clock);

  @Test
  void acceptAll_movementsWithUnregisteredTags_storesTheirAnomaliesInOneCall() {
    List<Event> batch = List.of(
        Events.movement("door-1", Direction.IN, T0, List.of(Layouts.epc(1))),
        Events.movement("door-1", Direction.IN, T0.plusSeconds(1), List.of(Layouts.epc(2))),
        Events.movement("door-2", Direction.OUT, T0.plusSeconds(2), List.of(Layouts.epc(3))));

    processor.acceptAll(batch);

    assertThat(insertCalls).containsExactly(3);
    assertThat(store.list(Layouts.SITE, null, 10)).hasSize(3)
        .allSatisfy(a -> assertThat(a.type()).isEqualTo(AnomalyType.UNREGISTERED_TAG));
  }

  @Test
  void acceptAll_readerDownAndUpInOneBatch_leavesItsAnomalyResolved() {
    processor.acceptAll(List.of(reader(ReaderState.DISCONNECTED, 10), reader(ReaderState.CONNECTED, 20)));

    assertThat(store.list(Layouts.SITE, null, 10)).singleElement()
        .satisfies(a -> assertThat(a.status()).isEqualTo(AnomalyStatus.RESOLVED));
  }

  private static ReaderStatusEvent reader(ReaderState state, int second) {
    return ReaderStatusEvent.of(Layouts.SITE, "gw-1", "r-1", state, T0.plusSeconds(second), "because");
  }
}
