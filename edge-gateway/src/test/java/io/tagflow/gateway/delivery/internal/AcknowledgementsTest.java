package io.tagflow.gateway.delivery.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.tagflow.gateway.delivery.OutboxMessage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AcknowledgementsTest {
  @TempDir
  Path dir;
  private final TreeMap<Long, Segment> segments = new TreeMap<>();

  /** Records 1-3 in one segment and 7-8 in the next: 4-6 are a gap, as a burnt batch leaves. */
  @BeforeEach
  void segments() throws IOException {
    segment(1, 3);
    segment(7, 2);
  }

  @AfterEach
  void close() throws IOException {
    for (Segment s : segments.values()) {
      s.close();
    }
  }

  private void segment(long first, int records) throws IOException {
    Segment s = Segment.create(dir, first);
    for (long seq = first; seq < first + records; seq++) {
      s.write(RecordCodec.encode(seq, Instant.EPOCH,
          OutboxMessage.of("t", ("e" + seq).getBytes(StandardCharsets.UTF_8))));
    }
    segments.put(first, s);
  }

  @Test
  void advance_acknowledgedButNotDurable_waitsBelowDurableEnd() {
    Acknowledgements acks = new Acknowledgements(0);
    acks.add(1);
    acks.add(2);
    acks.add(3);
    assertThat(acks.advance(segments, 3)).isTrue();
    assertThat(acks.watermark()).isEqualTo(2);
    assertThat(acks.acknowledged(3)).isTrue();
    assertThat(acks.waiting()).isEqualTo(1);
    assertThat(acks.advance(segments, 4)).isTrue();
    assertThat(acks.watermark()).isEqualTo(3);
    assertThat(acks.waiting()).isZero();
  }

  @Test
  void advance_overGapOfBurntSequences_reachesTheNextSegment() {
    Acknowledgements acks = new Acknowledgements(0);
    for (long seq : new long[] {1, 2, 3, 7}) {
      acks.add(seq);
    }
    assertThat(acks.advance(segments, 9)).isTrue();
    assertThat(acks.watermark()).isEqualTo(7);
    assertThat(acks.acknowledged(8)).isFalse();
  }

  @Test
  void advance_gapBeyondDurableEnd_staysBelowIt() {
    Acknowledgements acks = new Acknowledgements(0);
    for (long seq : new long[] {1, 2, 3, 7}) {
      acks.add(seq);
    }
    assertThat(acks.advance(segments, 7)).isTrue();
    assertThat(acks.watermark()).isEqualTo(6);
    assertThat(acks.acknowledged(7)).isTrue();
    assertThat(acks.acknowledged(8)).isFalse();
  }

  @Test
  void forget_takenBackRecords_theirAcknowledgementsNoLongerCount() {
    Acknowledgements acks = new Acknowledgements(3);
    acks.add(7);
    acks.add(8);
    acks.forget(7, 9);
    assertThat(acks.waiting()).isZero();
    assertThat(acks.advance(segments, 9)).isTrue();
    assertThat(acks.watermark()).isEqualTo(6);
  }
}
