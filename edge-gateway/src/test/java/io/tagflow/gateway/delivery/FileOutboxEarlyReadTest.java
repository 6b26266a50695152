package io.tagflow.gateway.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The outbox hands records out before their fsync; acknowledgements still wait for durability. */
class FileOutboxEarlyReadTest {
  @TempDir
  Path dir;
  private final ManualClock clock = new ManualClock();

  private FileOutbox open() throws IOException {
    return FileOutbox.open(dir, FileOutbox.Settings.defaults(), clock);
  }

  private static OutboxMessage msg(int i) {
    return OutboxMessage.of("site/gw/movements", ("event-" + i).getBytes(StandardCharsets.UTF_8));
  }

  private static List<String> payloads(List<OutboxEntry> entries) {
    return entries.stream().map(e -> new String(e.message().payload(), StandardCharsets.UTF_8)).toList();
  }

  @Test
  void write_beforeTheSync_recordsAreReadableInOrder() throws IOException {
    try (FileOutbox outbox = open()) {
      outbox.append(msg(1));
      assertThat(outbox.write(List.of(msg(2), msg(3)))).containsExactly(2L, 3L);
      assertThat(payloads(outbox.read(1, 10))).containsExactly("event-1", "event-2", "event-3");
      outbox.sync(2, 4);
      assertThat(payloads(outbox.read(1, 10))).containsExactly("event-1", "event-2", "event-3");
    }
  }

  @Test
  void markDelivered_beforeTheSync_removesTheEntryOnlyOnceDurable() throws IOException {
    try (FileOutbox outbox = open()) {
      outbox.write(List.of(msg(1), msg(2)));
      outbox.markDelivered(1);
      outbox.markDelivered(2);
      assertThat(outbox.firstPendingSequence()).as("not past an entry that is not durable").isEqualTo(1);
      assertThat(outbox.read(1, 10)).as("acknowledged entries are not handed out again").isEmpty();
      outbox.sync(1, 3);
      assertThat(outbox.firstPendingSequence()).isEqualTo(3);
      assertThat(outbox.stats().depth()).isZero();
    }
    try (FileOutbox reopened = open()) {
      assertThat(reopened.read(1, 10)).isEmpty();
      assertThat(reopened.append(msg(3))).isEqualTo(3);
    }
  }

  @Test
  void markDelivered_partOfAnUnsyncedBatch_advancesOnlyOverTheAcknowledgedOnes() throws IOException {
    try (FileOutbox outbox = open()) {
      outbox.write(List.of(msg(1), msg(2), msg(3)));
      outbox.markDelivered(1);
      outbox.markDelivered(3);
      outbox.sync(1, 4);
      assertThat(outbox.firstPendingSequence()).isEqualTo(2);
      assertThat(payloads(outbox.read(1, 10))).containsExactly("event-2");
      outbox.markDelivered(2);
      assertThat(outbox.firstPendingSequence()).isEqualTo(4);
    }
  }

  @Test
  void sync_severalWrittenBatches_oneSyncCoversAllAndLaterCallsReturn() throws IOException {
    try (FileOutbox outbox = open()) {
      outbox.write(List.of(msg(1)));
      outbox.write(List.of(msg(2), msg(3)));
      outbox.markDelivered(3);
      outbox.sync(1, 2);
      outbox.markDelivered(1);
      outbox.markDelivered(2);
      assertThat(outbox.firstPendingSequence()).as("the first sync covered batch 2 as well").isEqualTo(4);
      outbox.sync(2, 4);
      assertThat(outbox.stats().depth()).isZero();
    }
  }
}
