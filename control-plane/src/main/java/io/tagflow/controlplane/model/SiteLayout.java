package io.tagflow.controlplane.model;

import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A warehouse site: its doors, its bins, and whether exits need a shipment authorisation.
 *
 * @param id site id, as it appears in every event's {@code site}
 * @param name a human name (defaults to the id)
 * @param enforceAuthorisations when true, an OUT movement of a lot that no open authorisation for that
 *     door covers is an unexpected exit
 */
public record SiteLayout(String id, String name, boolean enforceAuthorisations, List<DoorSpec> doors,
    List<BinSpec> bins) {
  public SiteLayout {
    Ids.require("site id", id);
    name = name == null || name.isBlank() ? id : name;
    doors = doors == null ? List.of() : List.copyOf(doors);
    bins = bins == null ? List.of() : List.copyOf(bins);
    Set<String> seen = new HashSet<>();
    for (DoorSpec d : doors) {
      requireUnique(seen, d.id());
      d.stagingPoints().forEach(p -> requireUnique(seen, p));
    }
    for (BinSpec b : bins) {
      requireUnique(seen, b.id());
    }
  }

  private void requireUnique(Set<String> seen, String locationId) {
    if (!seen.add(locationId)) {
      throw new IllegalArgumentException("location " + locationId + " is declared twice in site " + id);
    }
  }

  /** The bin with this id, if the site has one. */
  public Optional<BinSpec> bin(String binId) {
    return bins.stream().filter(b -> b.id().equals(binId)).findFirst();
  }

  /** The door with this id, if the site has one. */
  public Optional<DoorSpec> door(String doorId) {
    return doors.stream().filter(d -> d.id().equals(doorId)).findFirst();
  }

  /** The door whose id or staging point is {@code readPoint}, if any. */
  public Optional<DoorSpec> doorAt(String readPoint) {
    return doors.stream()
        .filter(d -> d.id().equals(readPoint) || d.stagingPoints().contains(readPoint))
        .findFirst();
  }
}
