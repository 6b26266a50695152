package io.tagflow.sim.physics;

/**
 * How many times an antenna singulates each tag during one dwell: an approximation of the EPC Gen2
 * inventory (UHF Gen2 Air Interface v2.0.1 §6.3.2.10, Query/QueryRep/ACK; the Q algorithm of
 * §6.3.2.10.2 and Annex D).
 *
 * <p>Model: with {@code n} tags powered, every tag picks one of {@code L} slots per frame; a slot
 * with one reply is a read, with none is empty, with several is a collision. The adaptive Q algorithm
 * keeps {@code L} close to {@code n}, which we take as exact ({@code L = max(1, n)}; the real Q is an
 * integer power of two that hunts around {@code n}, costing a few per cent of efficiency that we do not
 * model). Expected slots per frame: reads {@code S = n (1-1/L)^(n-1)}, empty
 * {@code E = L (1-1/L)^n}, collisions {@code C = L - S - E}. A read slot costs {@code t_s}, an empty
 * one {@code 0.25 t_s} (QueryRep with no RN16 reply) and a collision {@code 0.6 t_s} (RN16 garbled, no
 * ACK). {@code t_s} is calibrated so that a dense field (n large, slotted-ALOHA efficiency 1/e) reads
 * exactly {@code maxReadRate} tags/s, and total reads are capped at {@code maxReadRate}: a lone tag is
 * not read faster than the reader's rated rate. Each tag's expected reads in a dwell of {@code T} is
 * {@code (T / frameTime) (1-1/L)^(n-1)}, capped at {@code maxReadRate T / n}; so reads per tag fall as
 * the field fills.
 */
public final class InventoryModel {
  static final double EMPTY_SLOT_COST = 0.25;
  static final double COLLISION_SLOT_COST = 0.6;

  private final double maxReadRate;
  private final double successSlotS;

  public InventoryModel(double maxReadRate) {
    if (!(maxReadRate > 0)) {
      throw new IllegalArgumentException("maxReadRate must be positive, got " + maxReadRate);
    }
    this.maxReadRate = maxReadRate;
    // Large n, L = n: S/L = E/L = 1/e, C/L = 1 - 2/e. Reads per second = (1/e) / (slot cost per slot).
    double e = Math.E;
    double costPerSlotInTs = 1 / e + EMPTY_SLOT_COST / e + COLLISION_SLOT_COST * (1 - 2 / e);
    this.successSlotS = (1 / e) / (maxReadRate * costPerSlotInTs);
  }

  /** The rated read rate, tags/s. */
  public double maxReadRate() {
    return maxReadRate;
  }

  /** Expected reads of each of {@code n} powered tags during {@code dwellS} seconds. */
  public double readsPerTag(int n, double dwellS) {
    if (n <= 0 || dwellS <= 0) {
      return 0;
    }
    double slots = Math.max(1, n);
    double miss = 1 - 1 / slots;
    double single = n == 1 ? 1 : Math.pow(miss, n - 1);
    double s = n * single;
    double empty = n == 1 ? 0 : slots * Math.pow(miss, n);
    double collisions = Math.max(0, slots - s - empty);
    double frameS = successSlotS * (s + EMPTY_SLOT_COST * empty + COLLISION_SLOT_COST * collisions);
    double perTag = dwellS / frameS * single;
    return Math.min(perTag, maxReadRate * dwellS / n);
  }
}
