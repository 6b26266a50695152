package io.tagflow.sim.physics;

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
 * Friis free space at 1 m ({@code 20 log10(4 pi d0 / lambda)}; exponent {@code n} beyond 1 m, free
 * space below), and {@code L_tag} is the tag's own orientation and occlusion loss. The tag answers
 * when {@code P_tag} is at least its sensitivity.
 *
 * <p>Reverse link (backscatter): the tag reflects {@code P_tag - L_mod} and the same path and gains
 * apply again, so {@code RSSI = P_tag - L_mod + G_tag + G_ant + A(theta) - PL(d) - L_pol - L_tag - L_cable}.
 *
 * <p>Per round the link margin {@code P_tag - S_tag} is perturbed by Gaussian multipath fading of
 * {@code fadingSigmaDb}, so the probability to power the tag is {@code Phi(margin / sigma)}; a rare
 * reflection adds {@code reflectionGainDb}, and a random miss removes the read.
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

  /** Path loss at {@code distanceM}, dB: Friis free space to 1 m, log-distance beyond. */
  public double pathLossExactDb(double distanceM) {
    double d = Math.max(distanceM, MIN_DISTANCE_M);
    if (d <= 1.0) {
      return lossAt1m + 20 * Math.log10(d);
    }
    return lossAt1m + 10 * spec.pathLossExponent() * Math.log10(d);
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
   * The distance beyond which no tag can answer even with every favourable draw: 4 sigma of fading
   * plus a reflection, at boresight, with no tag loss.
   */
  public double maxRangeM(double txDbm, double antennaGainDbi) {
    double budget = txDbm + antennaGainDbi + spec.tagGainDbi() - spec.polarizationLossDb() - spec.cableLossDb()
        - spec.tagSensitivityDbm() + spec.reflectionGainDb() + 4 * spec.fadingSigmaDb();
    if (budget <= lossAt1m) {
      return Math.pow(10, (budget - lossAt1m) / 20);
    }
    return Math.pow(10, (budget - lossAt1m) / (10 * spec.pathLossExponent()));
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
