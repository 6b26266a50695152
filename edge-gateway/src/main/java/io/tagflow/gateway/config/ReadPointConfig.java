package io.tagflow.gateway.config;

import com.fasterxml.jackson.annotation.JsonAlias;
import io.tagflow.gateway.pipeline.ReadPoint;
import io.tagflow.gateway.pipeline.Side;

/**
 * What an antenna watches: one side of a dock door ({@code door} and {@code side}) or a storage zone
 * ({@code zone}, also accepted as {@code bin}). Exactly one of the two forms.
 */
public record ReadPointConfig(String door, Side side, @JsonAlias("bin") String zone) {
  public ReadPointConfig {
    if (door != null && zone != null) {
      throw new ConfigProblem(null, "expected either door (with side) or zone, not both");
    }
    if (door == null && zone == null) {
      throw new ConfigProblem(null, "expected door (with side OUTSIDE or INSIDE) or zone");
    }
    if (door != null) {
      Ids.check("door", door);
      if (side == null) {
        throw new ConfigProblem("side", "is required for a door read point: expected OUTSIDE or INSIDE");
      }
    } else {
      Ids.check("zone", zone);
      if (side != null) {
        throw new ConfigProblem("side", "applies only to door read points, not to zone " + zone);
      }
    }
  }

  /** The pipeline's read point. */
  public ReadPoint toReadPoint() {
    return door != null ? ReadPoint.door(door, side) : ReadPoint.zone(zone);
  }
}
