package io.tagflow.bench;

import io.tagflow.gateway.delivery.FileOutbox;
import io.tagflow.gateway.delivery.OutboxMessage;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.InstantSource;
import java.util.Collection;
import java.util.Comparator;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * The gateway outbox's durable append, side by side with the bare cost it cannot avoid: writing the
 * same number of bytes to a file and fsyncing it ({@code FileChannel.force(false)}). Each outbox
 * operation appends a 400-byte movement-sized event and marks it delivered, so segments are deleted as
 * they fill, as in steady operation.
 *
 * <p>Run: {@code ./tagflow bench outbox}. One fork, 2 x 2 s warm-up, 5 x 2 s measurement, sample-time
 * mode; the outbox directory is a temporary directory on the default file system ({@code java.io.tmpdir},
 * pass {@code -Djava.io.tmpdir=...} in JAVA_OPTS to measure another disk). Prints JMH's table, then
 * {@code RESULT outbox_append_us_p50=... raw_fsync_us_p50=... overhead_ratio=... outbox_appends_per_s=...}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 5, time = 2)
public class OutboxBench {
  private static final int PAYLOAD = 400;

  private Path dir;
  private FileOutbox outbox;
  private OutboxMessage message;
  private FileChannel raw;
  private ByteBuffer rawRecord;
  private long rawPosition;

  @Setup(Level.Trial)
  public void setup() throws IOException {
    dir = Files.createTempDirectory("tagflow-outbox-bench");
    outbox = FileOutbox.open(dir.resolve("outbox"), FileOutbox.Settings.withQuota(64L << 20), InstantSource.system());
    message = OutboxMessage.of("tagflow/v1/site-1/dock-1/movements", new byte[PAYLOAD]);
    raw = FileChannel.open(dir.resolve("raw.bin"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
    rawRecord = ByteBuffer.allocate(PAYLOAD + 60);
  }

  @TearDown(Level.Trial)
  public void tearDown() throws IOException {
    outbox.close();
    raw.close();
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }

  @Benchmark
  public long outboxAppendAndDeliver() throws IOException {
    long sequence = outbox.append(message);
    outbox.markDelivered(sequence);
    return sequence;
  }

  @Benchmark
  public long rawWriteAndFsync() throws IOException {
    rawRecord.clear();
    raw.write(rawRecord, rawPosition);
    raw.force(false);
    rawPosition = (rawPosition + rawRecord.capacity()) % (8L << 20);
    return rawPosition;
  }

  /** The launcher behind {@code ./tagflow bench outbox}. */
  static final class Launcher implements BenchMain.Benchmark {
    @Override
    public String description() {
      return "outbox append+fsync latency vs a bare write+fsync";
    }

    @Override
    public int run(String[] args) throws Exception {
      Collection<RunResult> results = new Runner(new OptionsBuilder()
          .include(OutboxBench.class.getName() + "\\.").build()).run();
      double outboxP50 = Double.NaN;
      double rawP50 = Double.NaN;
      for (RunResult r : results) {
        String label = r.getParams().getBenchmark();
        double p50 = r.getPrimaryResult().getStatistics().getPercentile(50);
        if (label.endsWith("outboxAppendAndDeliver")) {
          outboxP50 = p50;
        } else if (label.endsWith("rawWriteAndFsync")) {
          rawP50 = p50;
        }
      }
      System.out.printf(Locale.ROOT, "RESULT outbox_append_us_p50=%.1f raw_fsync_us_p50=%.1f overhead_ratio=%.2f"
          + " outbox_appends_per_s=%.0f%n", outboxP50, rawP50, outboxP50 / rawP50, 1e6 / outboxP50);
      return 0;
    }
  }
}
