package io.tagflow.sim.scenario;

/**
 * The RF model's constants; every key is optional and defaults to the figure documented (with its
 * source) in docs/scenarios.md, "The RF model".
 *
 * @param frequencyMhz carrier, MHz (915 for FCC, 866 for ETSI)
 * @param pathLossExponent log-distance exponent from 1 m to the breakpoint (2.0 is free space)
 * @param breakpointM distance where the far exponent takes over, metres
 * @param farPathLossExponent log-distance exponent beyond the breakpoint (racks, goods, people)
 * @param tagSensitivityDbm power a tag needs to wake up, dBm, as mounted on goods
 * @param tagGainDbi tag antenna gain, dBi (dipole inlay about 2)
 * @param polarizationLossDb circular reader antenna to linear tag, dB
 * @param orientationSpreadDb each tag gets a fixed orientation loss drawn uniformly in [0, this], dB
 * @param innerCaseLossDb extra loss per layer of cases between a case tag and the pallet's surface, dB
 * @param cableLossDb reader to antenna cable loss, dB
 * @param modulationLossDb backscatter modulation loss on the reverse link, dB
 * @param fadingSigmaDb standard deviation of per-round (fast) multipath fading of the link, dB
 * @param shadowingSigmaDb standard deviation of static shadowing per (antenna, tag, 1 m cell), dB: a tag
 *     standing still keeps its value, so some tags sit in dead spots and some read well
 * @param rssiNoiseDb standard deviation of the reader's RSSI measurement noise, dB
 * @param missProbability chance that a powered tag still fails a round (interference, bad CRC)
 * @param reflectionProbability chance per round and (antenna, tag) of a strong reflection
 * @param reflectionGainDb what such a reflection adds to the link, dB (far reads, cross-reads)
 * @param sideLobeDb attenuation floor of the antenna pattern outside the main lobe, dB
 */
public record PhysicsSpec(Double frequencyMhz, Double pathLossExponent, Double breakpointM,
                          Double farPathLossExponent, Double tagSensitivityDbm,
                          Double tagGainDbi, Double polarizationLossDb, Double orientationSpreadDb,
                          Double innerCaseLossDb, Double cableLossDb, Double modulationLossDb,
                          Double fadingSigmaDb, Double shadowingSigmaDb, Double rssiNoiseDb, Double missProbability,
                          Double reflectionProbability, Double reflectionGainDb, Double sideLobeDb) {
  public static final PhysicsSpec DEFAULT = new PhysicsSpec(null, null, null, null, null, null, null, null,
      null, null, null, null, null, null, null, null, null, null);

  public PhysicsSpec {
    frequencyMhz = or(frequencyMhz, 915.0);
    pathLossExponent = or(pathLossExponent, 2.0);
    breakpointM = or(breakpointM, 10.0);
    farPathLossExponent = or(farPathLossExponent, 3.3);
    tagSensitivityDbm = or(tagSensitivityDbm, -18.0);
    tagGainDbi = or(tagGainDbi, 2.0);
    polarizationLossDb = or(polarizationLossDb, 3.0);
    orientationSpreadDb = or(orientationSpreadDb, 6.0);
    innerCaseLossDb = or(innerCaseLossDb, 4.0);
    cableLossDb = or(cableLossDb, 1.0);
    modulationLossDb = or(modulationLossDb, 8.0);
    fadingSigmaDb = or(fadingSigmaDb, 2.0);
    shadowingSigmaDb = or(shadowingSigmaDb, 3.0);
    rssiNoiseDb = or(rssiNoiseDb, 1.5);
    missProbability = or(missProbability, 0.02);
    reflectionProbability = or(reflectionProbability, 0.002);
    reflectionGainDb = or(reflectionGainDb, 12.0);
    sideLobeDb = or(sideLobeDb, 20.0);
  }

  private static Double or(Double value, double fallback) {
    return value == null ? fallback : value;
  }
}
