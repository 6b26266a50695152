package io.tagflow.sim.scenario;

import java.util.List;

/**
 * A pallet with an SSCC-96 label tag and SGTIN-96 case tags; a mixed pallet has several case groups.
 *
 * @param id pallet id, used by flows and in the ground truth
 * @param companyPrefix the GS1 company prefix of its SSCC, 6..12 digits
 * @param serialReference extension digit plus serial reference, 17 minus the prefix length digits
 * @param cases its cases by lot
 */
public record Pallet(String id, String companyPrefix, String serialReference, List<CaseGroup> cases) {
  public Pallet {
    cases = cases == null ? List.of() : List.copyOf(cases);
  }
}
