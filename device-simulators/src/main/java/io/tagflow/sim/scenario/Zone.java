package io.tagflow.sim.scenario;

import java.util.List;

/**
 * A storage zone: its bins and the antennas that read them.
 *
 * @param id zone id
 * @param antennas its zone antennas
 * @param bins its bins
 */
public record Zone(String id, List<Antenna> antennas, List<Bin> bins) {
  public Zone {
    antennas = antennas == null ? List.of() : List.copyOf(antennas);
    bins = bins == null ? List.of() : List.copyOf(bins);
  }
}
