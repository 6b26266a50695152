package io.tagflow.controlplane.store;

import java.util.List;

/** A site with its doors and bins, ordered by id. */
public record SiteLayout(Site site, List<Door> doors, List<Bin> bins) {
  public SiteLayout {
    doors = List.copyOf(doors);
    bins = List.copyOf(bins);
  }
}
