package io.tagflow.sim.physics;

import io.tagflow.sim.physics.internal.Gaussians;
import io.tagflow.sim.scenario.PhysicsSpec;

/**
 * The UHF RFID link budget of one reader antenna and one passive tag (docs/scenarios.md, "The RF
 * model", lists every constant and its source).
 *
 * <p>Forward link (reader to tag), which limits passive UHF reads:
 * <pre>
 *   P_tag = P_tx - L_cable + G_ant + A(theta) + G_tag - PL(d) - L_pol - L_tag
 * </pre>
 * where {@code A(theta) = -min(12 (theta/theta_3dB)^2, A_m)} is the parabolic main lobe with a side
 * lobe floor of 3GPP TR 36.814 Table A.2.1.1-2, {@code PL} is the log-distance path loss anchored on
 * Friis free space at 1 m ({@code 20 log10(4 pi d0 / lambda)}; free space below 1 m, exponent
 * {@code n} to the breakpoint, {@code n_far} beyond it: the dual-slope model), and {@code L_tag} is the tag's own orientation and occlusion loss. The tag answers
 * when {@code P_tag} is at least its sensitivity.
 *
 * <p>Reverse link (backscatter): the tag reflects {@code P_tag - L_mod} and the same path and gains
 * apply again, so {@code RSSI = P_tag - L_mod + G_tag + G_ant + A(theta) - PL(d) - L_pol - L_tag - L_cable}.
 *
 * <p>The one-way gain carries two random terms: static shadowing of {@code shadowingSigmaDb}, a fixed
 * function of (seed, antenna, tag, 1 m cell) so that a tag standing still keeps its good or bad spot,
 * and per-round Gaussian fast fading of {@code fadingSigmaDb}. Given the shadowing, the probability to
 * power the tag in a round is {@code Phi(margin / sigma)}; a rare reflection adds
 * {@code reflectionGainDb}, and a random miss removes the read.
 *
 * <p>Immutable and thread-safe. The per-read path uses {@link #pathLossDb(double)} through a
 * precomputed table; the closed forms here serve construction, documentation and tests.
 */
public final class LinkBudget {
  private static final double SPEED_OF_LIGHT = 299_792_458.0;
  /** Path-loss table step: 1 cm, so the table error is below 0.05 dB beyond 1 m. */
  private static final double TABLE_STEP_M = 0.01;
  /** Closer than this the far-field formulas mean nothing; distances are clamped to it. */
  private static final double MIN_DISTANCE_M = 0.1;
  /** Standard deviations of fading beyond which a draw is treated as impossible (p about 5e-4). */
  static final double CUTOFF_SIGMAS = 3.3;

  private final PhysicsSpec spec;
  private final double lossAt1m;
  private final float[] pathLossTable;

  public LinkBudget(PhysicsSpec spec, double maxDistanceM) {
    this.spec = spec;
    double lambda = SPEED_OF_LIGHT / (spec.frequencyMhz() * 1e6);
    this.lossAt1m = 20 * Math.log10(4 * Math.PI / lambda);
    int n = (int) Math.ceil(maxDistanceM / TABLE_STEP_M) + 2;
    this.pathLossTable = new float[n];
    for (int i = 0; i < n; i++) {
      pathLossTable[i] = (float) pathLossExactDb(i * TABLE_STEP_M);
    }
  }

  /** The constants in use. */
  public PhysicsSpec spec() {
    return spec;
  }

  /** Path loss at {@code distanceM}, dB: Friis free space to 1 m, dual-slope log-distance beyond. */
  public double pathLossExactDb(double distanceM) {
    double d = Math.max(distanceM, MIN_DISTANCE_M);
    if (d <= 1.0) {
      return lossAt1m + 20 * Math.log10(d);
    }
    double b = spec.breakpointM();
    if (d <= b) {
      return lossAt1m + 10 * spec.pathLossExponent() * Math.log10(d);
    }
    return lossAt1m + 10 * spec.pathLossExponent() * Math.log10(b) + 10 * spec.farPathLossExponent() * Math.log10(d / b);
  }

  /** As {@link #pathLossExactDb} from the 1 cm table (no logarithm); beyond the table, exact. */
  public double pathLossDb(double distanceM) {
    int i = (int) (distanceM * (1 / TABLE_STEP_M) + 0.5);
    return i < pathLossTable.length ? pathLossTable[i] : pathLossExactDb(distanceM);
  }

  /**
   * Antenna pattern relative to boresight, dB (0 on boresight, negative off it), for a main lobe of
   * full -3 dB width {@code beamwidthDeg} and a floor of {@code -sideLobeDb}.
   */
  public static double patternDb(double offAxisDeg, double beamwidthDeg, double sideLobeDb) {
    double r = offAxisDeg / beamwidthDeg;
    return -Math.min(12 * r * r, sideLobeDb);
  }

  /** One-way gain from reader port to tag chip, excluding transmit power and tag losses, dB. */
  public double oneWayGainDb(double antennaGainDbi, double patternDb, double distanceM) {
    return antennaGainDbi + patternDb + spec.tagGainDbi() - pathLossDb(distanceM) - spec.polarizationLossDb()
        - spec.cableLossDb();
  }

  /** Power at the tag, dBm. */
  public double forwardDbm(double txDbm, double oneWayGainDb, double tagLossDb) {
    return txDbm + oneWayGainDb - tagLossDb;
  }

  /** Backscattered power at the reader port before measurement noise, dBm. */
  public double rssiDbm(double forwardDbm, double oneWayGainDb, double tagLossDb) {
    return forwardDbm - spec.modulationLossDb() + oneWayGainDb - tagLossDb;
  }

  /** Forward link margin over the tag's sensitivity, dB. */
  public double marginDb(double forwardDbm) {
    return forwardDbm - spec.tagSensitivityDbm();
  }

  /**
   * The probability that one inventory round reads a tag at this margin, ignoring reader capacity:
   * powered through fading (with or without a reflection) and not randomly missed.
   */
  public double readProbability(double marginDb) {
    double sigma = Math.max(spec.fadingSigmaDb(), 1e-9);
    double pr = spec.reflectionProbability();
    double powered = (1 - pr) * normalCdf(marginDb / sigma)
        + pr * normalCdf((marginDb + spec.reflectionGainDb()) / sigma);
    return (1 - spec.missProbability()) * powered;
  }

  /**
   * Static shadowing, dB: a deterministic pseudo-Gaussian (Irwin-Hall sum of four uniforms, so bounded
   * by {@link #maxShadowingDb()}) of the seed, the antenna, the tag and the 1 m cell the tag is in.
   * Allocation-free.
   */
  public double shadowingDb(long seed, int antennaKey, int tag, double x, double y, double z) {
    double sigma = spec.shadowingSigmaDb();
    if (sigma == 0) {
      return 0;
    }
    long h = seed * 0x9E3779B97F4A7C15L;
    h = mix(h ^ antennaKey);
    h = mix(h ^ tag);
    h = mix(h ^ cell(x));
    h = mix(h ^ cell(y));
    h = mix(h ^ cell(z));
    return Gaussians.fromBits(h) * sigma;
  }

  /** The 1 m cell index of a coordinate: floor without Math.floor, valid beyond -1e6 m. */
  private static long cell(double v) {
    return (long) (v + 1_000_000.0);
  }

  /** The largest value {@link #shadowingDb} can take. */
  public double maxShadowingDb() {
    return Gaussians.MAX * spec.shadowingSigmaDb();
  }

  /** SplitMix64's finaliser (Steele, Lea, Flood 2014): a fast 64-bit mixing function. */
  private static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  /**
   * The lowest deterministic link margin worth a random draw: below it even a reflection plus 3.3
   * sigma of fading fails, so the read probability is under about 1e-6 per round and the simulator
   * skips the tag without drawing (the one approximation that saves time at the cost of realism).
   */
  public double cutoffMarginDb() {
    double reflection = spec.reflectionProbability() > 0 ? spec.reflectionGainDb() : 0;
    return -(reflection + CUTOFF_SIGMAS * spec.fadingSigmaDb());
  }

  /**
   * The distance beyond which a tag is always below {@link #cutoffMarginDb()}: boresight, no tag loss,
   * the best shadowing.
   */
  public double maxRangeM(double txDbm, double antennaGainDbi) {
    double budget = txDbm + antennaGainDbi + spec.tagGainDbi() - spec.polarizationLossDb() - spec.cableLossDb()
        - spec.tagSensitivityDbm() - cutoffMarginDb() + maxShadowingDb();
    double lo = MIN_DISTANCE_M;
    double hi = 10_000;
    // Path loss rises monotonically with distance: bisect for the distance where it equals the budget.
    for (int i = 0; i < 60; i++) {
      double mid = Math.sqrt(lo * hi);
      if (pathLossExactDb(mid) > budget) {
        hi = mid;
      } else {
        lo = mid;
      }
    }
    return hi;
  }

  /** The standard normal CDF (Abramowitz and Stegun 7.1.26, error below 1.5e-7). */
  static double normalCdf(double x) {
    double z = Math.abs(x) / Math.sqrt(2);
    double t = 1 / (1 + 0.3275911 * z);
    double poly = t * (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027
        + t * 1.061405429))));
    double erf = 1 - poly * Math.exp(-z * z);
    return x >= 0 ? 0.5 * (1 + erf) : 0.5 * (1 - erf);
  }
}
