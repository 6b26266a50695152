package io.tagflow.controlplane.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tagflow.controlplane.EventFixtures;
import io.tagflow.controlplane.store.EventBatch;
import io.tagflow.controlplane.store.EventStore;
import io.tagflow.controlplane.store.StoredBatch;
import io.tagflow.protocol.event.Direction;
import io.tagflow.protocol.event.MovementEvent;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Acknowledgements happen only after the store committed: the at-least-once rule of ingest. */
class BatchCommitterTest {
  private static final Instant T0 = Instant.parse("2026-11-21T08:00:00Z");
  private final IngestMetrics metrics = new IngestMetrics(new SimpleMeterRegistry());
  private final List<Integer> acked = new ArrayList<>();
  private final List<StoredBatch> heard = new ArrayList<>();
  private final ScriptedStore store = new ScriptedStore();

  @Test
  void commit_storeFails_acknowledgesNothingAndReportsFailure() {
    store.failuresLeft = 1;
    BatchCommitter committer = committer(List.of(heard::add));

    boolean committed = committer.commit(batch(1, 2, 3));

    assertThat(committed).isFalse();
    assertThat(acked).isEmpty();
    assertThat(heard).isEmpty();
    assertThat(metrics.commitFailures()).isEqualTo(1);
  }

  @Test
  void commit_retryAfterFailure_storesOnceAndAcknowledgesInArrivalOrder() {
    store.failuresLeft = 2;
    BatchCommitter committer = committer(List.of(heard::add));
    PendingBatch batch = batch(7, 3, 5);

    assertThat(committer.commit(batch)).isFalse();
    assertThat(committer.commit(batch)).isFalse();
    assertThat(acked).isEmpty();
    assertThat(committer.commit(batch)).isTrue();

    assertThat(store.stored).hasSize(1);
    assertThat(acked).containsExactly(7, 3, 5);
    assertThat(heard).singleElement().satisfies(s -> assertThat(s.newMovements()).hasSize(1));
  }

  @Test
  void commit_listenerThrows_stillAcknowledgesAndTellsOtherListeners() {
    BatchCommitter committer = committer(List.of(b -> {
      throw new IllegalStateException("boom");
    }, heard::add));

    assertThat(committer.commit(batch(1))).isTrue();

    assertThat(acked).containsExactly(1);
    assertThat(heard).hasSize(1);
  }

  @Test
  void commit_ackFails_keepsAcknowledgingTheRest() {
    BatchCommitter committer = new BatchCommitter(store, m -> {
      if (m.messageId() == 2) {
        throw new IllegalStateException("connection lost");
      }
      acked.add(m.messageId());
    }, List.of(), metrics);

    assertThat(committer.commit(batch(1, 2, 3))).isTrue();

    assertThat(acked).containsExactly(1, 3);
  }

  private BatchCommitter committer(List<IngestListener> listeners) {
    return new BatchCommitter(store, m -> acked.add(m.messageId()), listeners, metrics);
  }

  private static PendingBatch batch(int... messageIds) {
    MovementEvent movement = new EventFixtures(T0).movement("D1", Direction.IN, EventFixtures.epc(1));
    List<InboundMessage> messages = new ArrayList<>();
    for (int id : messageIds) {
      messages.add(new InboundMessage("t", new byte[0], id, 1, false, T0));
    }
    return new PendingBatch(new EventBatch(T0, List.of(movement), List.of(), List.of(), List.of(), List.of()), messages);
  }

  /** Fails a set number of times, then stores. */
  private static final class ScriptedStore implements EventStore {
    int failuresLeft;
    final List<EventBatch> stored = new ArrayList<>();

    @Override
    public StoredBatch store(EventBatch batch) throws SQLException {
      if (failuresLeft > 0) {
        failuresLeft--;
        throw new SQLException("database is down", "08006");
      }
      stored.add(batch);
      return new StoredBatch(batch, batch.movements(), 0);
    }
  }
}
