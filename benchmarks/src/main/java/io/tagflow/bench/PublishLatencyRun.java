package io.tagflow.bench;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tagflow.gateway.delivery.FileOutbox;
import io.tagflow.gateway.delivery.MqttPublisher;
import io.tagflow.gateway.delivery.MqttPublisherOptions;
import io.tagflow.gateway.delivery.Outbox;
import io.tagflow.gateway.delivery.OutboxEntry;
import io.tagflow.gateway.delivery.OutboxMessage;
import io.tagflow.gateway.delivery.OutboxStats;
import io.tagflow.gateway.delivery.OutboxWriter;
import io.tagflow.gateway.internal.EventPublisher;
import io.tagflow.gateway.pipeline.Direction;
import io.tagflow.gateway.pipeline.MovedTag;
import io.tagflow.gateway.pipeline.MovementDecision;
import io.tagflow.protocol.epc.EpcDecoder;
import io.tagflow.protocol.epc.EpcEncoder;
import io.tagflow.protocol.event.EventCodec;
import io.tagflow.protocol.event.EventIds;
import io.tagflow.protocol.event.Topics;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Stream;

/**
 * Latency from a movement decision to the broker, through the gateway's real delivery path, wired as
 * {@code Gateway} wires it: the decision goes to {@link EventPublisher} (mapping, JSON encoding) on
 * the deciding thread, which hands it to the {@link OutboxWriter}; its threads write it to the {@link
 * FileOutbox} and fsync it (group commit), and {@link MqttPublisher}'s drain thread publishes it to a
 * real MQTT broker at QoS 1 as soon as it is written and marks it delivered on PUBACK.
 *
 * <p>Decisions arrive as the pipeline makes them, at its ticks: one movement of a 25-tag pallet per
 * {@value #TICK_MILLIS} ms tick, and every tenth tick a burst of four (four doors deciding in the
 * same tick). Each decision's time is the start of its tick, when the pipeline hands it over. Each
 * decision's path is timed at every {@link PublishTimeline.Moment} ({@link System#nanoTime} on all
 * threads): the outbox is wrapped (the publisher's only seam) for the write, the drain's read (the
 * publish call), the PUBACK callback's delivery mark and the fsync; a {@link WireTap} socket times the
 * PUBLISH packet handed to the kernel (the literal "MQTT publish") and the PUBACK read back, without
 * touching Paho. The JVM's GC pauses during the run are matched with the slowest decisions. The outbox
 * directory is a temporary directory ({@code java.io.tmpdir}): its disk's fsync latency is part of
 * <b>durable</b>.
 */
final class PublishLatencyRun {
  static final long TICK_MILLIS = 25;
  static final String DEFAULT_BROKER = "tcp://127.0.0.1:1883";
  /**
   * The threads on the path, by kernel name (Java names cut to 15 characters): the deciding thread
   * (the launcher's main thread, which the kernel knows as {@code java}), the outbox writer and sync threads (one name), the drain thread, Paho's sender, receiver
   * and callback threads, and the broker.
   */
  private static final List<String> WAIT_GROUPS = List.of("java", "tagflow-outbox", "tagflow-mqtt", "MQTT Snd",
      "MQTT Rec", "MQTT Call", "broker");

  private final PrintStream out;

  PublishLatencyRun(PrintStream out) {
    this.out = out;
  }

  /** The broker to use, or null (with the reason printed) when none answers. */
  String broker(String configured) {
    String uri = configured != null && !configured.isBlank() ? configured : DEFAULT_BROKER;
    if (!uri.startsWith("tcp://")) {
      out.printf("publish: %s is not a tcp:// broker; the benchmark times packets on plain TCP sockets only,"
          + " so this broker is skipped%n", uri);
      return null;
    }
    URI u = URI.create(uri);
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress(u.getHost(), u.getPort() < 0 ? 1883 : u.getPort()), 1000);
      return uri;
    } catch (IOException e) {
      out.printf("publish: no MQTT broker answers at %s (%s); the publish latency figure is skipped. "
          + "Set TAGFLOW_BENCH_MQTT_URI to a broker to measure it.%n", uri, e.getMessage());
      return null;
    }
  }

  /**
   * One run of {@code events} measured decisions (after a warm-up) to {@code broker}, whose process is
   * {@code brokerPid} when known (else -1: its run-queue wait is then not reported).
   */
  PublishTimeline run(String broker, int events, long brokerPid) throws Exception {
    Path dir = Files.createTempDirectory("tagflow-publish-bench");
    TimedOutbox outbox = new TimedOutbox(FileOutbox.open(dir.resolve("outbox"), FileOutbox.Settings.defaults(),
        InstantSource.system()));
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    WireTap tap = new WireTap();
    MqttPublisher publisher = MqttPublisher.create(outbox,
        MqttPublisherOptions.builder(broker, "tagflow-bench-" + ProcessHandle.current().pid()).socketFactory(tap)
            .build(), registry, InstantSource.system());
    OutboxWriter writer = OutboxWriter.start(publisher);
    EventPublisher events0 = new EventPublisher("bench-site", "bench-gw",
        Topics.under("tagflow-bench/" + ProcessHandle.current().pid() + "/"), new EventCodec(), EventIds.system(),
        writer, registry);
    GcPauses gc = new GcPauses();
    try {
      publisher.start();
      long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
      while (!publisher.connected()) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("could not connect to " + broker + " within 10 s");
        }
        LockSupport.parkNanos(10_000_000);
      }
      List<MovementDecision> pallets = new ArrayList<>();
      for (int p = 0; p < 8; p++) {
        pallets.add(pallet(p));
      }
      int warmup = Math.max(50, events / 10);
      long[] released = new long[warmup + events];
      outbox.decided = new long[warmup + events];
      int sent = 0;
      int tick = 0;
      long next = System.nanoTime();
      Map<String, RunQueueWait.Waits> waitsBefore = Map.of();
      while (sent < warmup + events) {
        if (sent == warmup) {
          waitsBefore = waits(brokerPid);
        }
        LockSupport.parkNanos(next - System.nanoTime());
        long decided = System.nanoTime();
        int burst = tick % 10 == 9 ? 4 : 1;
        for (int b = 0; b < burst && sent < warmup + events; b++, sent++) {
          outbox.decided[sent] = decided;
          events0.onMovement(pallets.get(sent % pallets.size()));
          released[sent] = System.nanoTime();
        }
        if (tick % 80 == 0) {
          out.printf(Locale.ROOT, "publish: %d of %d decisions (%d warm-up), %d in flight%n", sent, warmup + events,
              warmup, publisher.inflight());
        }
        tick++;
        next = decided + TICK_MILLIS * 1_000_000;
      }
      // The last decisions may still be queued for the outbox writer: the publisher can look drained before.
      long durableBy = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (!outbox.isDurable(warmup + events - 1)) {
        if (System.nanoTime() > durableBy) {
          throw new IllegalStateException("the outbox did not store every decision within 30 s");
        }
        LockSupport.parkNanos(1_000_000);
      }
      if (!publisher.awaitDrained(Duration.ofSeconds(30))) {
        throw new IllegalStateException("the broker did not acknowledge every event within 30 s");
      }
      PublishTimeline timeline = outbox.timeline(warmup, events, released, tap);
      out.println("publish: run-queue wait (ready, no core) per time slice x slices = total, measured decisions: "
          + RunQueueWait.between(waitsBefore, waits(brokerPid), WAIT_GROUPS));
      out.printf(Locale.ROOT, "publish: during the measured decisions %s; %d of the %d slowest decisions"
              + " (decision->PUBACK >= p99) overlapped one%n",
          gc.summary(timeline.decidedAt(0), timeline.decidedAt(events - 1)),
          overlapping(timeline, gc), timeline.slowest(PublishTimeline.Moment.PUBACK, 99).length);
      return timeline;
    } finally {
      gc.close();
      writer.close(Duration.ofSeconds(5));
      publisher.close(Duration.ofSeconds(5));
      outbox.close();
      try (Stream<Path> files = Files.walk(dir)) {
        for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
          Files.deleteIfExists(p);
        }
      }
    }
  }

  /** A movement of one SSCC pallet with 24 cases, as the pipeline decides it. */
  private static MovementDecision pallet(int p) {
    Instant t = Instant.now();
    List<MovedTag> tags = new ArrayList<>();
    var sscc = EpcEncoder.sscc96(0, "0614141", String.format("%010d", 5000 + p));
    tags.add(tag(sscc.high(), sscc.low(), t));
    for (int k = 0; k < 24; k++) {
      var e = EpcEncoder.sgtin96(1, "0614141", "812345", p * 100L + k);
      tags.add(tag(e.high(), e.low(), t));
    }
    return new MovementDecision("D" + (p % 4 + 1), p % 2 == 0 ? Direction.IN : Direction.OUT, 0.97, t, t.plusSeconds(3),
        ((io.tagflow.protocol.epc.Sscc) EpcDecoder.decode(sscc)).sscc(),
        tags, 120, 110, 9.5, null, "bench");
  }

  private static MovedTag tag(long high, int low, Instant t) {
    var epc = new io.tagflow.protocol.epc.Epc96(high, low);
    return new MovedTag(epc.toHex(), EpcDecoder.decode(epc).uri(), t,
        t.plusSeconds(3), 12, -48.5, 0.97);
  }

  /** This JVM's threads and, when known, the broker's process. */
  private static Map<String, RunQueueWait.Waits> waits(long brokerPid) {
    Map<String, RunQueueWait.Waits> all = new HashMap<>(RunQueueWait.threads());
    if (brokerPid > 0) {
      all.putAll(RunQueueWait.process(brokerPid, "broker"));
    }
    return all;
  }

  /** How many of the slowest decisions (decision -> PUBACK at or above p99) overlapped a GC pause. */
  private static int overlapping(PublishTimeline timeline, GcPauses gc) {
    int n = 0;
    for (int i : timeline.slowest(PublishTimeline.Moment.PUBACK, 99)) {
      long from = timeline.decidedAt(i);
      if (!gc.between(from, from + (long) (timeline.at(PublishTimeline.Moment.PUBACK, i) * 1e6)).isEmpty()) {
        n++;
      }
    }
    return n;
  }

  /**
   * The real outbox, with the time each entry was decided, made durable, handed to the client and
   * acknowledged. Entries are appended in decision order by the one writer, so the i-th entry of the
   * fresh outbox is the i-th decision.
   */
  private static final class TimedOutbox implements Outbox {
    private final Outbox delegate;
    final ConcurrentHashMap<Long, Long> writeStartAt = new ConcurrentHashMap<>();
    final ConcurrentHashMap<Long, Long> durableAt = new ConcurrentHashMap<>();
    final ConcurrentHashMap<Long, Long> sentAt = new ConcurrentHashMap<>();
    final ConcurrentHashMap<Long, Long> ackedAt = new ConcurrentHashMap<>();
    final ConcurrentHashMap<Long, byte[]> payloads = new ConcurrentHashMap<>();
    private volatile long firstSequence = -1;
    volatile long[] decided;

    TimedOutbox(Outbox delegate) {
      this.delegate = delegate;
    }

    @Override
    public List<Long> write(List<OutboxMessage> messages) throws IOException {
      long start = System.nanoTime();
      List<Long> sequences = delegate.write(messages);
      if (firstSequence < 0) {
        firstSequence = sequences.get(0);
      }
      for (long sequence : sequences) {
        writeStartAt.put(sequence, start);
      }
      return sequences;
    }

    @Override
    public void sync(long first, long end) throws IOException {
      delegate.sync(first, end);
      long now = System.nanoTime();
      for (long sequence = first; sequence < end; sequence++) {
        durableAt.putIfAbsent(sequence, now);
      }
    }

    @Override
    public List<OutboxEntry> read(long fromSequence, int max) throws IOException {
      List<OutboxEntry> entries = delegate.read(fromSequence, max);
      long now = System.nanoTime();
      for (OutboxEntry e : entries) {
        sentAt.putIfAbsent(e.sequence(), now);
        payloads.putIfAbsent(e.sequence(), e.message().payload());
      }
      return entries;
    }

    @Override
    public void markDelivered(long sequence) throws IOException {
      ackedAt.putIfAbsent(sequence, System.nanoTime());
      delegate.markDelivered(sequence);
    }

    @Override
    public long firstPendingSequence() {
      return delegate.firstPendingSequence();
    }

    @Override
    public OutboxStats stats() {
      return delegate.stats();
    }

    @Override
    public void close() throws IOException {
      delegate.close();
    }

    /** True when the {@code index}-th decision of the run (from 0) is appended and fsynced. */
    boolean isDurable(int index) {
      return firstSequence >= 0 && durableAt.containsKey(firstSequence + index);
    }

    /**
     * The timeline of the {@code count} decisions after the warm-up; {@code released} is when each
     * decision's handoff returned.
     */
    PublishTimeline timeline(int warmup, int count, long[] released, WireTap tap) {
      PublishTimeline t = new PublishTimeline(count);
      for (int i = 0; i < count; i++) {
        long sequence = firstSequence + warmup + i;
        t.decided(i, decided[warmup + i]);
        t.passed(PublishTimeline.Moment.HANDOFF, i, released[warmup + i]);
        t.passed(PublishTimeline.Moment.WRITE_START, i, time(writeStartAt, sequence));
        t.passed(PublishTimeline.Moment.PUBLISH_CALL, i, time(sentAt, sequence));
        t.passed(PublishTimeline.Moment.WIRE, i, wireTime(tap.publishWrittenAt(payloads.get(sequence)), sequence));
        t.passed(PublishTimeline.Moment.PUBACK_READ, i, wireTime(tap.pubackReadAt(payloads.get(sequence)), sequence));
        t.passed(PublishTimeline.Moment.PUBACK, i, time(ackedAt, sequence));
        t.passed(PublishTimeline.Moment.DURABLE, i, time(durableAt, sequence));
      }
      return t;
    }

    private static long time(ConcurrentHashMap<Long, Long> at, long sequence) {
      Long t = at.get(sequence);
      if (t == null) {
        throw new IllegalStateException("outbox entry " + sequence + " has no time");
      }
      return t;
    }

    private static long wireTime(Long t, long sequence) {
      if (t == null) {
        throw new IllegalStateException("outbox entry " + sequence + " was not seen on the socket");
      }
      return t;
    }
  }
}
