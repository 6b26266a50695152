package io.tagflow.controlplane.model;

import java.util.List;

/** Lists a site's open shipment authorisations. May block; thread-safe; never called on an event loop. */
@FunctionalInterface
public interface AuthorisationLookup {
  /** The open authorisations of {@code site} for {@code door}, in any order; empty when there are none. */
  List<ShipmentAuthorisation> openFor(String site, String door);
}
