package io.tagflow.gateway.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tagflow.gateway.delivery.OutboxStats.Level;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileOutboxTest {
  @TempDir
  Path dir;
  private final ManualClock clock = new ManualClock();

  private FileOutbox open(FileOutbox.Settings settings) throws IOException {
    return FileOutbox.open(dir, settings, clock);
  }

  private FileOutbox open() throws IOException {
    return open(FileOutbox.Settings.defaults());
  }

  private static OutboxMessage msg(int i) {
    return OutboxMessage.of("site/gw/movements", ("event-" + i).getBytes(StandardCharsets.UTF_8));
  }

  private static List<String> payloads(List<OutboxEntry> entries) {
    return entries.stream().map(e -> new String(e.message().payload(), StandardCharsets.UTF_8)).toList();
  }

  private List<Path> segmentFiles() throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.filter(p -> p.getFileName().toString().startsWith("segment-")).sorted().toList();
    }
  }

  @Test
  void append_severalEntries_readReturnsThemInAppendOrder() throws IOException {
    try (FileOutbox outbox = open()) {
      for (int i = 1; i <= 5; i++) {
        assertThat(outbox.append(msg(i))).isEqualTo(i);
      }
      List<OutboxEntry> all = outbox.read(1, 100);
      assertThat(payloads(all)).containsExactly("event-1", "event-2", "event-3", "event-4", "event-5");
      assertThat(all).extracting(OutboxEntry::sequence).containsExactly(1L, 2L, 3L, 4L, 5L);
      assertThat(payloads(outbox.read(4, 100))).containsExactly("event-4", "event-5");
      assertThat(payloads(outbox.read(2, 2))).containsExactly("event-2", "event-3");
      assertThat(outbox.read(6, 10)).isEmpty();
    }
  }

  @Test
  void append_retainedMessage_keepsTopicPayloadAndFlag() throws IOException {
    OutboxMessage status = OutboxMessage.retained("tagflow/v1/s/g/readers/r1/status", new byte[] {1, 2, 3});
    try (FileOutbox outbox = open()) {
      outbox.append(status);
    }
    try (FileOutbox outbox = open()) {
      OutboxEntry entry = outbox.read(1, 1).get(0);
      assertThat(entry.message()).isEqualTo(status);
      assertThat(entry.appendedAt()).isEqualTo(clock.instant());
    }
  }

  @Test
  void open_afterRestart_replaysOnlyUndeliveredEntriesInOrder() throws IOException {
    try (FileOutbox outbox = open()) {
      for (int i = 1; i <= 6; i++) {
        outbox.append(msg(i));
      }
      outbox.markDelivered(1);
      outbox.markDelivered(2);
    }
    try (FileOutbox outbox = open()) {
      assertThat(outbox.firstPendingSequence()).isEqualTo(3);
      assertThat(payloads(outbox.read(0, 100))).containsExactly("event-3", "event-4", "event-5", "event-6");
      assertThat(outbox.append(msg(7))).isEqualTo(7);
    }
  }

  @Test
  void markDelivered_calledTwiceOrForUnknownSequence_changesNothing() throws IOException {
    try (FileOutbox outbox = open()) {
      outbox.append(msg(1));
      outbox.append(msg(2));
      outbox.markDelivered(1);
      outbox.markDelivered(1);
      outbox.markDelivered(0);
      outbox.markDelivered(99);
      outbox.markDelivered(-5);
      assertThat(outbox.stats().depth()).isEqualTo(1);
      assertThat(payloads(outbox.read(0, 10))).containsExactly("event-2");
      assertThat(outbox.firstPendingSequence()).isEqualTo(2);
    }
  }

  @Test
  void markDelivered_outOfOrder_skipsAckedEntryAndAdvancesWhenGapCloses() throws IOException {
    try (FileOutbox outbox = open()) {
      for (int i = 1; i <= 3; i++) {
        outbox.append(msg(i));
      }
      outbox.markDelivered(2);
      assertThat(payloads(outbox.read(0, 10))).containsExactly("event-1", "event-3");
      assertThat(outbox.firstPendingSequence()).isEqualTo(1);
      assertThat(outbox.stats().depth()).isEqualTo(2);
      outbox.markDelivered(1);
      assertThat(outbox.firstPendingSequence()).isEqualTo(3);
      assertThat(outbox.stats().depth()).isEqualTo(1);
    }
  }

  @Test
  void open_tornLastRecord_truncatesItAndKeepsEarlierEntries() throws IOException {
    try (FileOutbox outbox = open()) {
      for (int i = 1; i <= 3; i++) {
        outbox.append(msg(i));
      }
    }
    Path segment = segmentFiles().get(0);
    long size = Files.size(segment);
    try (RandomAccessFile f = new RandomAccessFile(segment.toFile(), "rw")) {
      f.setLength(size - 3); // a crash in the middle of writing the third record
    }
    try (FileOutbox outbox = open()) {
      assertThat(payloads(outbox.read(0, 10))).containsExactly("event-1", "event-2");
      assertThat(outbox.append(msg(30))).isEqualTo(3);
    }
    try (FileOutbox outbox = open()) {
      assertThat(payloads(outbox.read(0, 10))).containsExactly("event-1", "event-2", "event-30");
    }
  }

  @Test
  void open_garbageAfterLastRecord_truncatesAtFirstBadCrc() throws IOException {
    try (FileOutbox outbox = open()) {
      outbox.append(msg(1));
      outbox.append(msg(2));
    }
    Path segment = segmentFiles().get(0);
    long size = Files.size(segment);
    try (RandomAccessFile f = new RandomAccessFile(segment.toFile(), "rw")) {
      f.seek(size - 1);
      f.write('X'); // flips the last payload byte: the CRC of record 2 no longer matches
      f.seek(size);
      f.write(new byte[] {0, 0, 0, 40, 1, 2, 3, 4}); // and a header of a record never written
    }
    try (FileOutbox outbox = open()) {
      assertThat(payloads(outbox.read(0, 10))).containsExactly("event-1");
      assertThat(outbox.stats().depth()).isEqualTo(1);
    }
    assertThat(Files.size(segment)).isLessThan(size);
  }

  @Test
  void append_above80PercentOfQuota_reportsWarningButStores() throws IOException {
    int recordSize = io.tagflow.gateway.delivery.internal.RecordCodec.encodedSize(msg(1));
    try (FileOutbox outbox = open(new FileOutbox.Settings(10L * recordSize, 100L * recordSize, recordSize))) {
      for (int i = 1; i <= 7; i++) {
        outbox.append(msg(i));
      }
      assertThat(outbox.stats().level()).isEqualTo(Level.NORMAL);
      outbox.append(msg(8));
      assertThat(outbox.stats().level()).isEqualTo(Level.WARNING);
      assertThat(outbox.stats().fill()).isEqualTo(0.8);
    }
  }

  @Test
  void append_atQuota_throwsOutboxFullAndStoresNothingUntilDelivered() throws IOException {
    int recordSize = io.tagflow.gateway.delivery.internal.RecordCodec.encodedSize(msg(1));
    try (FileOutbox outbox = open(new FileOutbox.Settings(4L * recordSize, 2L * recordSize, recordSize))) {
      for (int i = 1; i <= 4; i++) {
        outbox.append(msg(i));
      }
      assertThatThrownBy(() -> outbox.append(msg(5)))
          .isInstanceOf(OutboxFullException.class)
          .hasMessageContaining("is full");
      assertThat(outbox.stats().level()).isEqualTo(Level.FULL);
      assertThat(outbox.stats().depth()).isEqualTo(4);
      assertThat(payloads(outbox.read(0, 10))).containsExactly("event-1", "event-2", "event-3", "event-4");

      outbox.markDelivered(1);
      outbox.markDelivered(2); // frees the first segment
      assertThat(outbox.append(msg(5))).isEqualTo(5);
      assertThat(outbox.stats().level()).isNotEqualTo(Level.FULL);
      assertThat(payloads(outbox.read(0, 10))).containsExactly("event-3", "event-4", "event-5");
    }
  }

  @Test
  void append_largerThanRecordLimit_isRefused() throws IOException {
    try (FileOutbox outbox = open(new FileOutbox.Settings(1 << 20, 1 << 16, 100))) {
      assertThatThrownBy(() -> outbox.append(OutboxMessage.of("t", new byte[200])))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("exceeds the outbox record limit");
      assertThat(outbox.stats().depth()).isZero();
    }
  }

  @Test
  void markDelivered_wholeSegments_deletesTheirFiles() throws IOException {
    int recordSize = io.tagflow.gateway.delivery.internal.RecordCodec.encodedSize(msg(1));
    try (FileOutbox outbox = open(new FileOutbox.Settings(100L * recordSize, 2L * recordSize, recordSize))) {
      for (int i = 1; i <= 5; i++) {
        outbox.append(msg(i));
      }
      assertThat(segmentFiles()).hasSize(3);
      assertThat(outbox.stats().diskBytes()).isEqualTo(5L * recordSize);
      outbox.markDelivered(1);
      assertThat(segmentFiles()).hasSize(3);
      outbox.markDelivered(2);
      assertThat(segmentFiles()).hasSize(2);
      outbox.markDelivered(4);
      outbox.markDelivered(3);
      assertThat(segmentFiles()).hasSize(1);
      outbox.markDelivered(5);
      assertThat(segmentFiles()).as("the segment being appended to stays").hasSize(1);
      assertThat(outbox.stats().depth()).isZero();
      assertThat(outbox.append(msg(6))).isEqualTo(6);
      outbox.markDelivered(6);
      assertThat(outbox.append(msg(7))).isEqualTo(7);
      assertThat(segmentFiles()).as("the delivered segment goes once the next one starts").hasSize(1);
      assertThat(outbox.stats().diskBytes()).isEqualTo(recordSize);
    }
    try (FileOutbox outbox = open()) {
      assertThat(payloads(outbox.read(0, 10))).containsExactly("event-7");
    }
  }

  @Test
  void append_quotaHeldByDeliveredActiveSegment_reclaimsItInsteadOfRefusing() throws IOException {
    int recordSize = io.tagflow.gateway.delivery.internal.RecordCodec.encodedSize(msg(1));
    try (FileOutbox outbox = open(new FileOutbox.Settings(3L * recordSize, 10L * recordSize, recordSize))) {
      for (int i = 1; i <= 3; i++) {
        outbox.markDelivered(outbox.append(msg(i)));
      }
      assertThat(outbox.stats().diskBytes()).isEqualTo(3L * recordSize);
      assertThat(outbox.append(msg(4))).isEqualTo(4);
      assertThat(outbox.stats().diskBytes()).isEqualTo(recordSize);
      assertThat(payloads(outbox.read(0, 10))).containsExactly("event-4");
    }
  }

  @Test
  void open_afterAllDelivered_continuesSequenceFromCursor() throws IOException {
    try (FileOutbox outbox = open()) {
      outbox.append(msg(1));
      outbox.append(msg(2));
      outbox.markDelivered(1);
      outbox.markDelivered(2);
    }
    try (FileOutbox outbox = open()) {
      assertThat(outbox.stats().depth()).isZero();
      assertThat(outbox.read(0, 10)).isEmpty();
      assertThat(outbox.append(msg(3))).isEqualTo(3);
    }
  }

  @Test
  void stats_pendingEntries_reportDepthAndOldestAppendTime() throws IOException {
    try (FileOutbox outbox = open()) {
      assertThat(outbox.stats().oldestPending()).isEmpty();
      java.time.Instant first = clock.instant();
      outbox.append(msg(1));
      clock.advance(Duration.ofSeconds(5));
      outbox.append(msg(2));
      assertThat(outbox.stats().depth()).isEqualTo(2);
      assertThat(outbox.stats().oldestPending()).contains(first);
      outbox.markDelivered(1);
      assertThat(outbox.stats().oldestPending()).contains(first.plusSeconds(5));
    }
  }

  @Test
  void open_directoryAlreadyOpen_isRefused() throws IOException {
    try (FileOutbox outbox = open()) {
      assertThatThrownBy(this::open).isInstanceOf(IOException.class).hasMessageContaining("in use");
      assertThat(outbox.append(msg(1))).isEqualTo(1);
    }
  }

  @Test
  void read_acrossManySegments_keepsOrder() throws IOException {
    int recordSize = io.tagflow.gateway.delivery.internal.RecordCodec.encodedSize(msg(10));
    try (FileOutbox outbox = open(new FileOutbox.Settings(1000L * recordSize, 3L * recordSize, recordSize))) {
      for (int i = 10; i < 60; i++) {
        outbox.append(msg(i));
      }
      List<String> seen = new java.util.ArrayList<>();
      long from = 1;
      List<OutboxEntry> batch;
      while (!(batch = outbox.read(from, 7)).isEmpty()) {
        seen.addAll(payloads(batch));
        from = batch.get(batch.size() - 1).sequence() + 1;
      }
      assertThat(seen).hasSize(50).first().isEqualTo("event-10");
      assertThat(seen).last().isEqualTo("event-59");
      assertThat(seen).isEqualTo(java.util.stream.IntStream.range(10, 60).mapToObj(i -> "event-" + i).toList());
    }
  }

  @Test
  void open_corruptRecordInOlderSegment_skipsTheGapAndStillDrains() throws IOException {
    int recordSize = io.tagflow.gateway.delivery.internal.RecordCodec.encodedSize(msg(1));
    FileOutbox.Settings small = new FileOutbox.Settings(100L * recordSize, 2L * recordSize, recordSize);
    try (FileOutbox outbox = open(small)) {
      for (int i = 1; i <= 6; i++) {
        outbox.append(msg(i));
      }
    }
    Path second = segmentFiles().get(1);
    try (RandomAccessFile f = new RandomAccessFile(second.toFile(), "rw")) {
      f.seek(f.length() - 1);
      f.write('X'); // record 4 fails its CRC
    }
    try (FileOutbox outbox = open(small)) {
      List<OutboxEntry> pending = outbox.read(0, 10);
      assertThat(payloads(pending)).containsExactly("event-1", "event-2", "event-3", "event-5", "event-6");
      for (OutboxEntry e : pending) {
        outbox.markDelivered(e.sequence());
      }
      assertThat(outbox.stats().depth()).isZero();
      assertThat(outbox.firstPendingSequence()).isEqualTo(7);
      assertThat(outbox.append(msg(7))).isEqualTo(7);
      assertThat(payloads(outbox.read(0, 10))).containsExactly("event-7");
    }
  }
  @Test
  void appendAll_batchAcrossSegments_storesAllInOrderAndReplaysAfterRestart() throws IOException {
    FileOutbox.Settings small = new FileOutbox.Settings(1 << 20, 200, 200);
    try (FileOutbox outbox = open(small)) {
      outbox.append(msg(0));
      List<OutboxMessage> batch = java.util.stream.IntStream.rangeClosed(1, 12).mapToObj(FileOutboxTest::msg).toList();
      assertThat(outbox.appendAll(batch)).containsExactly(2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L, 11L, 12L, 13L);
      assertThat(segmentFiles()).hasSizeGreaterThan(2);
    }
    try (FileOutbox outbox = open(small)) {
      assertThat(payloads(outbox.read(1, 100))).hasSize(13).startsWith("event-0", "event-1").endsWith("event-12");
    }
  }

  @Test
  void appendAll_batchOverQuota_storesNoneOfIt() throws IOException {
    try (FileOutbox outbox = open(new FileOutbox.Settings(1000, 1000, 1000))) {
      outbox.append(msg(1));
      List<OutboxMessage> batch = List.of(msg(2), OutboxMessage.of("t", new byte[600]), OutboxMessage.of("t", new byte[300]));
      assertThatThrownBy(() -> outbox.appendAll(batch)).isInstanceOf(OutboxFullException.class);
      assertThat(payloads(outbox.read(1, 100))).containsExactly("event-1");
      assertThat(outbox.append(msg(3))).isEqualTo(2);
    }
  }

  @Test
  void appendAll_oneMessageOverRecordLimit_storesNoneOfIt() throws IOException {
    try (FileOutbox outbox = open(new FileOutbox.Settings(10_000, 10_000, 400))) {
      assertThatThrownBy(() -> outbox.appendAll(List.of(msg(1), OutboxMessage.of("t", new byte[500]))))
          .isInstanceOf(IllegalArgumentException.class);
      assertThat(outbox.read(1, 100)).isEmpty();
      assertThat(outbox.stats().depth()).isZero();
    }
  }
}
