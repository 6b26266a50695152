package io.tagflow.sim.physics;

import java.util.List;

/**
 * One planned pallet of a scene and its tags, for seeding a tag registry with what the scene will show.
 *
 * @param id the pallet id (generated pallets have generated ids)
 * @param sscc its 18-digit SSCC
 * @param lots the lots of its cases, in declaration order
 * @param epcs every tag as 24 upper-case hex digits, the SSCC label first, then the cases in the order of
 *     {@code lots}
 */
public record PalletTags(String id, String sscc, List<String> lots, List<String> epcs) {
  public PalletTags {
    lots = List.copyOf(lots);
    epcs = List.copyOf(epcs);
  }
}
