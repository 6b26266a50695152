package io.tagflow.sim.scenario;

/**
 * One antenna of a reader, mounted at a door portal or over a zone.
 *
 * @param reader the id of the reader it is cabled to
 * @param port the reader's antenna port, 1..n (the LLRP AntennaID)
 * @param side OUTSIDE or INSIDE at a door; ignored in a zone (always {@link Side#ZONE})
 * @param position where it hangs, metres
 * @param boresight the direction of the main lobe (any length but zero)
 * @param gainDbi boresight gain, dBi (circular patch antennas: 6..9 dBic)
 * @param beamwidthDeg the -3 dB full beamwidth, degrees (patch antennas: 60..75)
 */
public record Antenna(String reader, Integer port, Side side, Point position, Point boresight, Double gainDbi,
                      Double beamwidthDeg) {
  /** A circularly polarised far-field patch antenna such as the Impinj Threshold or Laird S9028. */
  public static final double DEFAULT_GAIN_DBI = 6.0;
  public static final double DEFAULT_BEAMWIDTH_DEG = 70.0;

  public Antenna {
    gainDbi = gainDbi == null ? DEFAULT_GAIN_DBI : gainDbi;
    beamwidthDeg = beamwidthDeg == null ? DEFAULT_BEAMWIDTH_DEG : beamwidthDeg;
  }
}
