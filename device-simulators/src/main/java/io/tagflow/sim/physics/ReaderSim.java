package io.tagflow.sim.physics;

import io.tagflow.sim.physics.internal.Gaussians;
import io.tagflow.sim.physics.internal.PlannedPallet;
import io.tagflow.sim.physics.internal.TagTable;
import io.tagflow.sim.physics.internal.Track;
import io.tagflow.sim.scenario.Antenna;
import io.tagflow.sim.scenario.PhysicsSpec;
import io.tagflow.sim.scenario.ReaderSpec;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * One simulated reader: it cycles through its antennas, inventorying on each for the reader's antenna
 * dwell, and reports every read to a {@link ReadSink}.
 *
 * <p>Per dwell on antenna {@code a}, positions are taken at mid-dwell. For every tag in range the
 * {@link LinkBudget} gives the forward power; static shadowing, one Gaussian fading draw (plus, rarely,
 * a reflection) perturb the one-way gain; a tag above its sensitivity, not randomly missed and whose backscatter
 * reaches the receiver sensitivity is powered. The {@link InventoryModel} then turns the number of
 * powered tags into reads per tag, and the reads are spread over the dwell round robin, as Gen2 frames
 * interleave tags, so that timestamps rise.
 *
 * <p>Precomputation: each antenna keeps its position, unit boresight and a 1025-entry pattern table
 * indexed by the cosine of the off-axis angle (no {@code acos} per read); path loss comes from a 1 cm
 * table; tag losses are fixed per tag. A dwell allocates nothing once the responder scratch arrays have
 * grown to the largest field seen.
 *
 * <p>A pallet that stands still out of reach of an antenna (no tag above the cut-off margin even with
 * the best shadowing) is skipped by that antenna until it moves, so a warehouse full of stored pallets
 * costs little. This needs time to go forward: successive dwells of a reader must not go back in time.
 *
 * <p>Not thread-safe: one thread advances a reader; different readers may run on different threads.
 */
public final class ReaderSim {
  private static final int PATTERN_STEPS = 1024;
  /** Beyond its range test, a pallet's tags lie within this of its base centre. */
  private static final double PALLET_RADIUS_M = 2.0;

  private final Scene scene;
  private final int index;
  private final ReaderSpec spec;
  private final SplittableRandom rng;
  private final InventoryModel model;
  private final long dwellMicros;
  private final int[] ports;
  private final double[][] positions;
  private final double[][] boresights;
  private final double[] gains;
  private final float[][] patterns;
  private final double[] txDbm;
  private final double[] rangeSq;
  private final double[] position = new double[3];
  /** Per antenna and pallet: skip the pallet until this time (it stands out of reach until then). */
  private final long[][] skipUntil;
  private final long seed;

  private int[] responders = new int[64];
  private double[] responderRssi = new double[64];
  private int[] responderReads = new int[64];
  private long now;
  private int nextAntenna;
  private volatile long readCount;

  ReaderSim(Scene scene, int index, ReaderSpec spec, List<Antenna> antennas, SplittableRandom rng) {
    this.scene = scene;
    this.index = index;
    this.spec = spec;
    this.rng = rng;
    this.model = new InventoryModel(spec.maxReadRate());
    this.seed = scene.scenario().seed();
    this.dwellMicros = Math.max(1, Math.round(spec.antennaDwellMs() * 1000));
    int n = antennas.size();
    ports = new int[n];
    positions = new double[n][];
    boresights = new double[n][];
    gains = new double[n];
    patterns = new float[n][];
    txDbm = new double[n];
    rangeSq = new double[n];
    skipUntil = new long[n][scene.pallets().size()];
    PhysicsSpec physics = scene.link().spec();
    for (int a = 0; a < n; a++) {
      Antenna ant = antennas.get(a);
      ports[a] = ant.port();
      positions[a] = new double[] {ant.position().x(), ant.position().y(), ant.position().z()};
      double len = ant.boresight().length();
      boresights[a] = new double[] {ant.boresight().x() / len, ant.boresight().y() / len, ant.boresight().z() / len};
      gains[a] = ant.gainDbi();
      patterns[a] = new float[PATTERN_STEPS + 1];
      for (int i = 0; i <= PATTERN_STEPS; i++) {
        double cos = -1 + 2.0 * i / PATTERN_STEPS;
        patterns[a][i] = (float) LinkBudget.patternDb(Math.toDegrees(Math.acos(cos)), ant.beamwidthDeg(),
            physics.sideLobeDb());
      }
      setTxPower(a, spec.txPowerIndex());
    }
  }

  public String id() {
    return spec.id();
  }

  /** Index in the scenario's readers list (what {@link ReadSink} receives). */
  public int index() {
    return index;
  }

  public ReaderSpec spec() {
    return spec;
  }

  /** Antenna ports, ascending. */
  public int[] antennaPorts() {
    return ports.clone();
  }

  /** Virtual time this reader has simulated up to, microseconds. */
  public long nowMicros() {
    return now;
  }

  /** How long one antenna dwell lasts, microseconds. */
  public long dwellMicros() {
    return dwellMicros;
  }

  /** Reads made so far; safe to read from another thread (progress lines). */
  public long readCount() {
    return readCount;
  }

  /** Transmit power in use on {@code port}, dBm. */
  public double txPowerDbm(int port) {
    return txDbm[slot(port)];
  }

  /**
   * Sets {@code port}'s transmit power to entry {@code index} (1-based) of the reader's power table, as
   * LLRP SET_READER_CONFIG's RFTransmitter TransmitPower does.
   */
  public void setTxPowerIndex(int port, int powerIndex) {
    setTxPower(slot(port), powerIndex);
  }

  /**
   * Runs every whole antenna dwell that ends at or before {@code micros}. A target inside a dwell runs
   * nothing for it; the dwell runs once a later target covers its end.
   */
  public void advanceTo(long micros, ReadSink sink) {
    while (now + dwellMicros <= micros) {
      step(sink);
    }
  }

  /** Runs one dwell on the next antenna and returns the new virtual time. */
  public long step(ReadSink sink) {
    if (ports.length > 0) {
      dwell(nextAntenna, now, dwellMicros, sink);
      nextAntenna = (nextAntenna + 1) % ports.length;
    }
    now += dwellMicros;
    return now;
  }

  /**
   * Runs one inventory on antenna {@code port} over {@code [startMicros, startMicros + durationMicros)}
   * regardless of this reader's own antenna cycle: for a caller that schedules rounds itself, such as
   * an LLRP endpoint's inventory engine. Does not move {@link #nowMicros()}.
   */
  public void inventory(int port, long startMicros, long durationMicros, ReadSink sink) {
    if (durationMicros <= 0) {
      throw new IllegalArgumentException("durationMicros must be positive, got " + durationMicros);
    }
    dwell(slot(port), startMicros, durationMicros, sink);
  }

  private void dwell(int a, long start, long duration, ReadSink sink) {
    long mid = start + duration / 2;
    double[] ap = positions[a];
    double[] bs = boresights[a];
    float[] pattern = patterns[a];
    PhysicsSpec ph = scene.link().spec();
    LinkBudget link = scene.link();
    TagTable tags = scene.tags();
    double sigma = ph.fadingSigmaDb();
    double reflectP = ph.reflectionProbability();
    double reflectDb = ph.reflectionGainDb();
    double miss = ph.missProbability();
    double sens = ph.tagSensitivityDbm();
    double staticGain = gains[a] + ph.tagGainDbi() - ph.polarizationLossDb() - ph.cableLossDb();
    double tx = txDbm[a];
    double cutoff = link.cutoffMarginDb();
    double maxShadow = link.maxShadowingDb();
    int antennaKey = (index << 8) | ports[a];
    double palletRange = Math.sqrt(rangeSq[a]) + PALLET_RADIUS_M;
    double palletRangeSq = palletRange * palletRange;
    int n = 0;
    long[] skip = skipUntil[a];
    List<PlannedPallet> pallets = scene.pallets();
    for (int p = 0, np = pallets.size(); p < np; p++) {
      if (mid < skip[p]) {
        continue;
      }
      PlannedPallet pallet = pallets.get(p);
      Track track = pallet.track();
      if (!track.present(mid)) {
        skip[p] = track.stationaryUntil(mid);
        continue;
      }
      track.positionAt(mid, position);
      double px = position[0] - ap[0];
      double py = position[1] - ap[1];
      double pz = position[2] - ap[2];
      if (px * px + py * py + pz * pz > palletRangeSq) {
        skip[p] = track.stationaryUntil(mid);
        continue;
      }
      boolean reachable = false;
      for (int t = pallet.tagStart(); t < pallet.tagEnd(); t++) {
        double dx = px + tags.dx(t);
        double dy = py + tags.dy(t);
        double dz = pz + tags.dz(t);
        double d2 = dx * dx + dy * dy + dz * dz;
        if (d2 > rangeSq[a]) {
          continue;
        }
        double d = Math.sqrt(d2);
        double cos = d > 0 ? (dx * bs[0] + dy * bs[1] + dz * bs[2]) / d : 1;
        double gain = staticGain + pattern[(int) ((cos + 1) * (PATTERN_STEPS / 2) + 0.5)] - link.pathLossDb(d)
            - tags.lossDb(t);
        if (tx + gain - sens < cutoff - maxShadow) {
          continue;
        }
        reachable = true;
        gain += link.shadowingDb(seed, antennaKey, t, dx + ap[0], dy + ap[1], dz + ap[2]);
        if (tx + gain - sens < cutoff) {
          continue;
        }
        gain += sigma * Gaussians.fromBits(rng.nextLong());
        if (reflectP > 0 && rng.nextDouble() < reflectP) {
          gain += reflectDb;
        }
        double forward = tx + gain;
        if (forward < sens || (miss > 0 && rng.nextDouble() < miss)) {
          continue;
        }
        double rssi = forward - ph.modulationLossDb() + gain;
        if (rssi < spec.sensitivityDbm()) {
          continue;
        }
        if (n == responders.length) {
          grow();
        }
        responders[n] = t;
        responderRssi[n] = rssi;
        n++;
      }
      if (!reachable) {
        // No tag of this pallet can be read from here, whatever the draws: skip it while it stands.
        skip[p] = track.stationaryUntil(mid);
      }
    }
    emit(a, start, duration, n, sink);
  }

  private void emit(int a, long start, long duration, int n, ReadSink sink) {
    if (n == 0) {
      return;
    }
    double expected = model.readsPerTag(n, duration / 1e6);
    int whole = (int) expected;
    double frac = expected - whole;
    int total = 0;
    int most = 0;
    for (int i = 0; i < n; i++) {
      int k = whole + (rng.nextDouble() < frac ? 1 : 0);
      responderReads[i] = k;
      total += k;
      most = Math.max(most, k);
    }
    if (total == 0) {
      return;
    }
    TagTable tags = scene.tags();
    double noise = scene.link().spec().rssiNoiseDb();
    double slot = (double) duration / total;
    int m = 0;
    // Round robin over the powered tags, as consecutive Gen2 frames interleave them.
    for (int r = 0; r < most; r++) {
      for (int i = 0; i < n; i++) {
        if (responderReads[i] > r) {
          int t = responders[i];
          long at = start + (long) ((m++ + 0.5) * slot);
          sink.onRead(index, ports[a], tags.epcHigh(t), tags.epcLow(t),
              responderRssi[i] + noise * Gaussians.fromBits(rng.nextLong()), at);
        }
      }
    }
    readCount += total;
  }

  private void grow() {
    int len = responders.length * 2;
    responders = Arrays.copyOf(responders, len);
    responderRssi = Arrays.copyOf(responderRssi, len);
    responderReads = Arrays.copyOf(responderReads, len);
  }

  private void setTxPower(int a, int powerIndex) {
    if (powerIndex < 1 || powerIndex > spec.txPowerDbm().size()) {
      throw new IllegalArgumentException("power index must be 1.." + spec.txPowerDbm().size() + ", got "
          + powerIndex);
    }
    txDbm[a] = spec.txPowerDbm().get(powerIndex - 1);
    double range = scene.link().maxRangeM(txDbm[a], gains[a]);
    rangeSq[a] = range * range;
    Arrays.fill(skipUntil[a], 0);
  }

  private int slot(int port) {
    for (int a = 0; a < ports.length; a++) {
      if (ports[a] == port) {
        return a;
      }
    }
    throw new IllegalArgumentException("reader " + spec.id() + " has no antenna port " + port);
  }
}
