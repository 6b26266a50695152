package io.tagflow.bench;

import io.tagflow.controlplane.model.BinSpec;
import io.tagflow.controlplane.model.DoorSpec;
import io.tagflow.controlplane.model.Lot;
import io.tagflow.controlplane.model.LotStatus;
import io.tagflow.controlplane.model.SiteLayout;
import io.tagflow.controlplane.model.TagRecord;
import io.tagflow.controlplane.repository.Repositories;
import io.tagflow.protocol.event.Direction;
import io.tagflow.protocol.event.EventCodec;
import io.tagflow.protocol.event.EventIds;
import io.tagflow.protocol.event.LocationEvent;
import io.tagflow.protocol.event.MovementEvent;
import io.tagflow.protocol.event.MovementEvidence;
import io.tagflow.protocol.event.TagObservation;
import io.tagflow.protocol.event.Topics;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;

/**
 * The warehouse traffic behind {@link MapBench}: a site of {@value #AISLES}×{@value #BINS_PER_AISLE}
 * placed bins (capacity {@value #CAPACITY}) and {@value #DOORS} dock doors, and a generator that publishes
 * the gateway's events over MQTT at a fixed pace. Each {@link #tick} is one movement: alternately
 * {@value #TAGS} tags IN through a door, each then put away into a bin (a {@code LocationEvent}, so one
 * occupancy delta per tag), and {@value #TAGS} stocked tags OUT (one delta per tag's bin). Stock therefore
 * stays level after {@link #prefill}. Anomalies, at realistic rates: every 25th IN movement carries an
 * unregistered tag (unregistered_tag), every 50th put-away goes into a full bin (bin_over_capacity), and
 * every {@value #HELD_EXIT_EVERY}th movement ships a tag of a locked lot (unexpected_exit, which also
 * makes the page re-read the held lots and repaint every stocked bin).
 *
 * <p>Not thread-safe: one scheduler thread calls {@link #tick}. The model of where tags are is the
 * generator's own; the control plane computes its occupancy from the events alone.
 */
final class MapTraffic {
  static final String SITE = "dc-map";
  static final String GATEWAY = "gw-map";
  static final int AISLES = 40;
  static final int BINS_PER_AISLE = 50;
  static final int CAPACITY = 4;
  static final int PLACES = AISLES * BINS_PER_AISLE * CAPACITY;
  static final int DOORS = 12;
  static final int TAGS = 4;
  static final int LOTS = 20;
  static final String HELD_LOT = "LOT-HOLD";
  static final int HELD_EXIT_EVERY = 500;
  /** EPC numbers: registered stock 0..STOCK_TAGS-1, held-lot tags after them, unregistered far above. */
  static final int STOCK_TAGS = 16_000;
  static final int HELD_TAGS = 200;
  /** Put-aways the prefill publishes ahead of what the control plane has stored. */
  static final int PREFILL_AHEAD = 500;
  static final int UNREGISTERED_BASE = 1_000_000;

  private final MqttAsyncClient publisher;
  private final Topics topics;
  private final EventCodec codec = new EventCodec();
  private final EventIds ids = new EventIds(Clock.systemUTC());
  private final Random random = new Random(7);
  private final int[] count = new int[AISLES * BINS_PER_AISLE];
  /** Tags in bins: epc number and bin index, in parallel lists (swap-remove keeps picks O(1)). */
  private final List<Integer> stocked = new ArrayList<>();
  private final List<Integer> stockedBin = new ArrayList<>();
  private final Deque<Integer> outside = new ArrayDeque<>();
  private final Deque<Integer> heldInStock = new ArrayDeque<>();
  private Instant last = Instant.EPOCH;
  private long movementNo;
  private long putAways;
  private int nextUnregistered = UNREGISTERED_BASE;
  final AtomicLong movements = new AtomicLong();
  final AtomicLong locations = new AtomicLong();
  final AtomicLong anomaliesCaused = new AtomicLong();

  MapTraffic(MqttAsyncClient publisher, Topics topics) {
    this.publisher = publisher;
    this.topics = topics;
    for (int n = 0; n < STOCK_TAGS; n++) {
      outside.add(n);
    }
  }

  /** Aisles in back-to-back pairs, bins 1.2 m apart; the doors along the south wall. */
  static SiteLayout layout() {
    List<BinSpec> bins = new ArrayList<>(AISLES * BINS_PER_AISLE);
    for (int a = 0; a < AISLES; a++) {
      double y = 2 + (a / 2) * 3.4 + (a % 2) * 1.2;
      for (int i = 0; i < BINS_PER_AISLE; i++) {
        bins.add(new BinSpec(binId(a * BINS_PER_AISLE + i), CAPACITY, 2 + i * 1.2, y));
      }
    }
    double south = 2 + (AISLES / 2) * 3.4 + 3;
    List<DoorSpec> doors = new ArrayList<>(DOORS);
    for (int d = 0; d < DOORS; d++) {
      doors.add(new DoorSpec(doorId(d), List.of(), 2 + d * (BINS_PER_AISLE * 1.2 / DOORS), south));
    }
    return new SiteLayout(SITE, "Map bench DC", false, doors, bins);
  }

  static String binId(int i) {
    return String.format("%c%c-%02d", 'A' + i / BINS_PER_AISLE / 26, 'A' + i / BINS_PER_AISLE % 26,
        i % BINS_PER_AISLE + 1);
  }

  static String doorId(int d) {
    return String.format("D%02d", d + 1);
  }

  static String epc(int n) {
    return String.format("3034257BF7194E40%08X", n);
  }

  /** Registers the lots (one locked) and every stock and held tag, as an operator's import would. */
  static void register(Repositories repositories) {
    Instant now = Instant.now();
    for (int l = 0; l < LOTS; l++) {
      repositories.lots().create(new Lot(String.format("LOT-%02d", l), String.format("095060001%05d", l), "bench goods " + l, null,
          LotStatus.ACTIVE, null, "bench", now));
    }
    repositories.lots().create(new Lot(HELD_LOT, "09506000199999", "bench goods on QA hold", null, LotStatus.LOCKED,
        "QA hold", "bench", now));
    List<TagRecord> tags = new ArrayList<>(STOCK_TAGS + HELD_TAGS);
    for (int n = 0; n < STOCK_TAGS; n++) {
      tags.add(new TagRecord(epc(n), String.format("LOT-%02d", n % LOTS)));
    }
    for (int n = STOCK_TAGS; n < STOCK_TAGS + HELD_TAGS; n++) {
      tags.add(new TagRecord(epc(n), HELD_LOT));
    }
    repositories.tags().upsertAll(tags);
  }

  /** What the control plane has stored so far (units in bins by its own occupancy snapshot). */
  @FunctionalInterface
  interface StoredStock {
    long units() throws Exception;
  }

  /**
   * Puts {@code stock} tags (and the held-lot tags) into bins with location events only; returns the
   * total. Paced by what the control plane has stored: at most {@value #PREFILL_AHEAD} put-aways run
   * ahead of it, so that a slower ingest (an embedded database, a busy machine) is not overrun past the
   * broker's per-subscriber queue (Mosquitto and HiveMQ CE: 1,000), which would drop the excess.
   */
  int prefill(int stock, StoredStock stored) throws Exception {
    for (int n = STOCK_TAGS; n < STOCK_TAGS + HELD_TAGS; n++) {
      putAway(n, next(), false);
      heldInStock.add(n);
    }
    for (int i = 0; i < stock; i++) {
      putAway(outside.poll(), next(), false);
      if (i % PREFILL_AHEAD == PREFILL_AHEAD - 1) {
        awaitStored(stored, stocked.size() - PREFILL_AHEAD);
      }
    }
    return stocked.size();
  }

  private static void awaitStored(StoredStock stored, long atLeast) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    long units;
    while ((units = stored.units()) < atLeast) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("the control plane stored only " + units + " of " + atLeast
            + " put-aways after 60 s: is ingest running?");
      }
      Thread.sleep(50);
    }
  }

  /** Tags in bins, in the generator's model. */
  int stock() {
    return stocked.size();
  }

  /** Publishes the next movement and the occupancy changes it causes. */
  void tick() throws Exception {
    long k = movementNo++;
    Instant at = next();
    String door = doorId(random.nextInt(DOORS));
    List<Integer> tags = new ArrayList<>(TAGS + 1);
    boolean in = k % 2 == 0 || stocked.size() < TAGS;
    if (in) {
      for (int t = 0; t < TAGS && !outside.isEmpty(); t++) {
        tags.add(outside.poll());
      }
      if (k % 50 == 0) {
        tags.add(nextUnregistered++);
        anomaliesCaused.incrementAndGet();
      }
    } else if (k % HELD_EXIT_EVERY == 1 && !heldInStock.isEmpty()) {
      int held = heldInStock.poll();
      ship(stocked.indexOf(held));
      tags.add(held);
      anomaliesCaused.incrementAndGet();
    } else {
      for (int tries = 0; tags.size() < TAGS && tries < 4 * TAGS; tries++) {
        int i = random.nextInt(stocked.size());
        int epc = stocked.get(i);
        if (epc >= STOCK_TAGS) {
          continue; // held-lot tags leave only on purpose (above); unregistered ones stay
        }
        ship(i);
        tags.add(epc);
        outside.add(epc);
      }
    }
    if (tags.isEmpty()) {
      return; // only held-lot and unregistered tags left in stock: nothing to ship this tick
    }
    publishMovement(door, in ? Direction.IN : Direction.OUT, tags, at);
    if (in) {
      for (int t = 0; t < tags.size(); t++) {
        putAway(tags.get(t), next(), ++putAways % 50 == 0);
      }
    }
  }

  /**
   * Now, but strictly after every earlier event: the control plane keeps a tag's newest observation, so
   * a shipment stamped at the same millisecond as the tag's put-away (ticks can run back to back when
   * the scheduler catches up) would be taken as stale and the tag would stay in its bin.
   */
  private Instant next() {
    Instant now = Instant.now();
    last = now.isAfter(last) ? now : last.plusMillis(1);
    return last;
  }

  private void ship(int stockIndex) {
    count[stockedBin.get(stockIndex)]--;
    int last = stocked.size() - 1;
    stocked.set(stockIndex, stocked.get(last));
    stockedBin.set(stockIndex, stockedBin.get(last));
    stocked.remove(last);
    stockedBin.remove(last);
  }

  /** Into a random bin with room, or (overfill) a random full bin, which then reports over capacity. */
  private void putAway(int epc, Instant at, boolean overfill) throws Exception {
    int bin = random.nextInt(count.length);
    for (int tries = 0; tries < 50 && (count[bin] >= CAPACITY) != overfill; tries++) {
      bin = random.nextInt(count.length);
    }
    if (overfill && count[bin] == CAPACITY) {
      anomaliesCaused.incrementAndGet();
    }
    count[bin]++;
    stocked.add(epc);
    stockedBin.add(bin);
    IngestTraffic.publish(publisher, topics.locations(SITE, GATEWAY),
        codec.encode(LocationEvent.of(ids.next(), SITE, GATEWAY, epc(epc), binId(bin), null, at, 0.9)));
    locations.incrementAndGet();
  }

  private void publishMovement(String door, Direction direction, List<Integer> tags, Instant at) throws Exception {
    MovementEvent.Builder m = MovementEvent.builder().movementId(ids.next()).site(SITE).gateway(GATEWAY).door(door)
        .direction(direction).confidence(0.9).startedAt(at.minusSeconds(3)).endedAt(at)
        .evidence(new MovementEvidence(6, 4, 3.5, null));
    for (int epc : tags) {
      m.tag(new TagObservation(epc(epc), null, at.minusSeconds(3), at, 5, -52.0));
    }
    IngestTraffic.publish(publisher, topics.movements(SITE, GATEWAY), codec.encode(m.build()));
    movements.incrementAndGet();
  }
}
