package io.tagflow.sim.load;

import io.tagflow.protocol.epc.Epc96;
import io.tagflow.protocol.epc.EpcEncoder;
import io.tagflow.protocol.llrp.TagField;
import io.tagflow.protocol.llrp.TagReportBatch;
import io.tagflow.sim.reader.TagSource;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A tag source for load tests: a fixed read rate spread over the antennas of each inventory round,
 * cycling through a population of valid SGTIN-96 EPCs (company prefix {@value #COMPANY_PREFIX}, so a
 * gateway's company-prefix filter lets them through) with RSSI between -50 and -69 dBm.
 *
 * <p>Rate: each round earns {@code rate x time since the previous round} reads; the fraction carries
 * over, so the long-run rate is exact whatever the round period or timer jitter. A round's reads are
 * shared out evenly over the antennas the reader inventoried in the previous round (the source only
 * learns the AISpec's antennas from the calls it gets). The gap between rounds is clamped to 1 s so a
 * stalled event loop does not turn into one huge burst.
 *
 * <p>Thread-safety: as {@link TagSource}, called on one event loop; {@link #generated()} may be read
 * from any thread. Allocates nothing per tag or per round.
 */
public final class SyntheticTagSource implements TagSource {
  public static final String COMPANY_PREFIX = "0614141";
  private static final long MAX_GAP_MICROS = 1_000_000;

  private final double readsPerMicro;
  private final int population;
  private final long epcHigh;
  private final int serialBase;
  private final AtomicLong generated = new AtomicLong();
  private long roundMicros = Long.MIN_VALUE;
  private double credit;
  private int roundBudget;
  private int sharesLeft;
  private int antennasThisRound;
  private int antennasLastRound = 1;
  private int next;

  /**
   * @param readsPerSecond reads this source produces per second, over all antennas
   * @param population distinct EPCs to cycle through (at most 2^24)
   * @param readerIndex makes EPCs distinct between readers (item reference), 0..99999
   */
  public SyntheticTagSource(double readsPerSecond, int population, int readerIndex) {
    if (!(readsPerSecond > 0) || readsPerSecond > 10_000_000) {
      throw new IllegalArgumentException("readsPerSecond must be in (0, 10000000], was " + readsPerSecond);
    }
    if (population < 1 || population > 1 << 24) {
      throw new IllegalArgumentException("population must be 1..16777216, was " + population);
    }
    if (readerIndex < 0 || readerIndex > 99_999) {
      throw new IllegalArgumentException("readerIndex must be 0..99999, was " + readerIndex);
    }
    this.readsPerMicro = readsPerSecond / 1e6;
    this.population = population;
    // SGTIN-96 keeps the top 6 of its 38 serial bits in the high word: serials below 2^32 share it.
    Epc96 first = EpcEncoder.sgtin96(1, COMPANY_PREFIX, String.format("1%05d", readerIndex), 0);
    this.epcHigh = first.high();
    this.serialBase = first.low();
  }

  @Override
  public void inventoryRound(long nowMicros, int antennaId, TagReportBatch out) {
    if (nowMicros != roundMicros) {
      startRound(nowMicros);
    }
    antennasThisRound++;
    int n = sharesLeft <= 1 ? roundBudget : (roundBudget + sharesLeft - 1) / sharesLeft;
    sharesLeft = Math.max(0, sharesLeft - 1);
    roundBudget -= n;
    for (int k = 0; k < n; k++) {
      int i = out.addEpc96(epcHigh, serialBase + next);
      out.set(i, TagField.PEAK_RSSI, -50 - next % 20);
      if (++next == population) {
        next = 0;
      }
    }
    generated.addAndGet(n);
  }

  private void startRound(long nowMicros) {
    if (roundMicros != Long.MIN_VALUE) {
      antennasLastRound = Math.max(1, antennasThisRound);
      long gap = Math.max(0, Math.min(MAX_GAP_MICROS, nowMicros - roundMicros));
      credit += readsPerMicro * gap + roundBudget; // reads no antenna took last round are not lost
    }
    roundMicros = nowMicros;
    antennasThisRound = 0;
    roundBudget = (int) credit;
    credit -= roundBudget;
    sharesLeft = antennasLastRound;
  }

  /** Reads produced so far. */
  public long generated() {
    return generated.get();
  }
}
