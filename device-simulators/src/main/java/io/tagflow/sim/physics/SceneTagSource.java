package io.tagflow.sim.physics;

import io.tagflow.protocol.llrp.TagField;
import io.tagflow.protocol.llrp.TagReportBatch;
import io.tagflow.sim.reader.TagSource;
import java.time.Instant;

/**
 * Feeds one scene reader's reads into a simulated LLRP reader: the adapter from the scene's
 * {@link ReaderSim} to the reader endpoint's {@link TagSource}.
 *
 * <p>Time: the endpoint calls with wall-clock (or injected) microseconds since the Unix epoch; virtual
 * time is that minus the scene's start instant, so a scenario meant to run in real time is built with
 * its {@code start} set to the moment the readers start.
 *
 * <p>Air time: the endpoint runs a round on every antenna of its AISpec at the same instant, one round
 * every {@code inventoryRound}. Real readers multiplex their antennas, so each call inventories the
 * antenna for the time since its previous round divided by the reader's antenna count (the first call
 * assumes one {@code defaultRoundMicros}); the time is clamped to 1 ms..1 s so a stalled event loop does
 * not turn into one huge burst. Reads of an antenna port the scene does not know are none, as with an
 * unconnected port.
 *
 * <p>Thread-safety: as {@link TagSource}, called on one event loop, never concurrently. Allocates
 * nothing per tag: reads go straight into the caller's {@link TagReportBatch}.
 */
public final class SceneTagSource implements TagSource, ReadSink {
  private static final long MIN_ROUND_MICROS = 1_000;
  private static final long MAX_ROUND_MICROS = 1_000_000;

  private final ReaderSim reader;
  private final long startEpochMicros;
  private final long defaultRoundMicros;
  private final int[] ports;
  private final long[] lastRound;
  private TagReportBatch out;

  public SceneTagSource(ReaderSim reader, Instant sceneStart, long defaultRoundMicros) {
    this.reader = reader;
    this.startEpochMicros = sceneStart.getEpochSecond() * 1_000_000 + sceneStart.getNano() / 1_000;
    this.defaultRoundMicros = defaultRoundMicros;
    this.ports = reader.antennaPorts();
    this.lastRound = new long[ports.length];
    java.util.Arrays.fill(lastRound, Long.MIN_VALUE);
  }

  @Override
  public void inventoryRound(long nowMicros, int antennaId, TagReportBatch batch) {
    int slot = -1;
    for (int i = 0; i < ports.length; i++) {
      if (ports[i] == antennaId) {
        slot = i;
      }
    }
    if (slot < 0) {
      return;
    }
    long virtual = nowMicros - startEpochMicros;
    long round = lastRound[slot] == Long.MIN_VALUE ? defaultRoundMicros : virtual - lastRound[slot];
    lastRound[slot] = virtual;
    long airTime = Math.max(MIN_ROUND_MICROS, Math.min(MAX_ROUND_MICROS, round / ports.length));
    if (virtual < airTime) {
      return;
    }
    this.out = batch;
    try {
      reader.inventory(antennaId, virtual - airTime, airTime, this);
    } finally {
      this.out = null;
    }
  }

  @Override
  public void onRead(int readerIndex, int antennaPort, long epcHigh, int epcLow, double rssiDbm, long micros) {
    int i = out.addEpc96(epcHigh, epcLow);
    out.set(i, TagField.PEAK_RSSI, Math.max(-128, Math.min(127, Math.round(rssiDbm))));
  }
}
