package io.tagflow.controlplane.repository.postgres;

import static io.tagflow.controlplane.repository.postgres.StoreException.wrap;

import io.tagflow.controlplane.live.Observation;
import io.tagflow.controlplane.repository.ObservationRepository;
import io.tagflow.controlplane.store.TagLocationRepository;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * Rebuild input from {@code tag_locations} (the store's latest location per tag, kept by the ingest),
 * read with the door placements not folded into it yet ({@link TagLocationRepository#CURRENT_OF_SITE}).
 * A tag at a door is turned back into the movement that put it there: its direction comes from the
 * movement row ({@code event_id} is the movement id), IN when that row is missing.
 */
final class PgObservations implements ObservationRepository {
  private static final String COLUMNS = "SELECT l.epc, l.bin_id, l.door_id, l.at, l.event_id, m.direction FROM (";
  private static final String DIRECTION = ") l LEFT JOIN movements m ON l.door_id IS NOT NULL AND m.movement_id = l.event_id";
  private static final String OF_SITE = COLUMNS + TagLocationRepository.CURRENT_OF_SITE + DIRECTION;
  /** Of one tag, when its current location is at the site. */
  private static final String OF_TAG = COLUMNS + TagLocationRepository.CURRENT_OF_TAG + DIRECTION + " WHERE l.site_id = ?";

  private final DataSource db;

  PgObservations(DataSource db) {
    this.db = db;
  }

  @Override
  public List<Observation> latestObservations(String site) {
    return query(site, null);
  }

  @Override
  public Optional<Observation> latestObservation(String site, String epc) {
    return query(site, epc).stream().findFirst();
  }

  /** Observations of a site, of one tag when {@code epc} is not null. */
  private List<Observation> query(String site, String epc) {
    return wrap("tag locations of site", () -> {
      List<Observation> result = new ArrayList<>();
      try (Connection c = db.getConnection();
           PreparedStatement ps = c.prepareStatement(epc == null ? OF_SITE : OF_TAG)) {
        ps.setFetchSize(10_000);
        if (epc == null) {
          ps.setString(1, site);
          ps.setString(2, site);
        } else {
          ps.setString(1, epc);
          ps.setString(2, epc);
          ps.setString(3, epc);
          ps.setString(4, site);
        }
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            String bin = rs.getString("bin_id");
            Observation.Via via = bin != null ? Observation.Via.LOCATION
                : "OUT".equals(rs.getString("direction")) ? Observation.Via.MOVEMENT_OUT : Observation.Via.MOVEMENT_IN;
            result.add(new Observation(site, rs.getString("epc"), bin != null ? bin : rs.getString("door_id"), via,
                rs.getObject("at", OffsetDateTime.class).toInstant(), rs.getObject("event_id", UUID.class).toString()));
          }
        }
      }
      return result;
    });
  }
}
