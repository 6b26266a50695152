package io.tagflow.controlplane.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/** Sites, doors and bins: the site map. Writes are upserts by id. */
public final class LayoutRepository {
  private final DataSource dataSource;

  public LayoutRepository(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /** Creates or replaces a site, its doors and its bins, in one transaction (doors and bins not listed are kept). */
  public void save(SiteLayout layout) throws SQLException {
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(false);
      try {
        upsertSite(c, layout.site());
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO doors (site_id, door_id, name, x, y)"
            + " VALUES (?, ?, ?, ?, ?) ON CONFLICT (site_id, door_id) DO UPDATE"
            + " SET name = EXCLUDED.name, x = EXCLUDED.x, y = EXCLUDED.y")) {
          for (Door d : layout.doors()) {
            ps.setString(1, d.siteId());
            ps.setString(2, d.doorId());
            ps.setString(3, d.name());
            ps.setDouble(4, d.x());
            ps.setDouble(5, d.y());
            ps.addBatch();
          }
          ps.executeBatch();
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO bins (site_id, bin_id, zone, x, y, capacity)"
            + " VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (site_id, bin_id) DO UPDATE"
            + " SET zone = EXCLUDED.zone, x = EXCLUDED.x, y = EXCLUDED.y, capacity = EXCLUDED.capacity")) {
          for (Bin b : layout.bins()) {
            ps.setString(1, b.siteId());
            ps.setString(2, b.binId());
            ps.setString(3, b.zone());
            ps.setDouble(4, b.x());
            ps.setDouble(5, b.y());
            ps.setInt(6, b.capacity());
            ps.addBatch();
          }
          ps.executeBatch();
        }
        c.commit();
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      }
    }
  }

  private static void upsertSite(Connection c, Site site) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("INSERT INTO sites (site_id, name, time_zone) VALUES (?, ?, ?)"
        + " ON CONFLICT (site_id) DO UPDATE SET name = EXCLUDED.name, time_zone = EXCLUDED.time_zone")) {
      ps.setString(1, site.siteId());
      ps.setString(2, site.name());
      ps.setString(3, site.timeZone());
      ps.executeUpdate();
    }
  }

  /** All sites, ordered by id. */
  public List<Site> sites() throws SQLException {
    List<Site> sites = new ArrayList<>();
    try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
        "SELECT site_id, name, time_zone FROM sites ORDER BY site_id"); ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        sites.add(new Site(rs.getString(1), rs.getString(2), rs.getString(3)));
      }
    }
    return sites;
  }

  /** A site with its doors and bins ordered by id, or null when the site is unknown. */
  public SiteLayout layout(String siteId) throws SQLException {
    try (Connection c = dataSource.getConnection()) {
      Site site = null;
      try (PreparedStatement ps = c.prepareStatement("SELECT site_id, name, time_zone FROM sites WHERE site_id = ?")) {
        ps.setString(1, siteId);
        try (ResultSet rs = ps.executeQuery()) {
          if (rs.next()) {
            site = new Site(rs.getString(1), rs.getString(2), rs.getString(3));
          }
        }
      }
      if (site == null) {
        return null;
      }
      List<Door> doors = new ArrayList<>();
      try (PreparedStatement ps = c.prepareStatement(
          "SELECT door_id, name, x, y FROM doors WHERE site_id = ? ORDER BY door_id")) {
        ps.setString(1, siteId);
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            doors.add(new Door(siteId, rs.getString(1), rs.getString(2), rs.getDouble(3), rs.getDouble(4)));
          }
        }
      }
      List<Bin> bins = new ArrayList<>();
      try (PreparedStatement ps = c.prepareStatement(
          "SELECT bin_id, zone, x, y, capacity FROM bins WHERE site_id = ? ORDER BY bin_id")) {
        ps.setString(1, siteId);
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            bins.add(new Bin(siteId, rs.getString(1), rs.getString(2), rs.getDouble(3), rs.getDouble(4), rs.getInt(5)));
          }
        }
      }
      return new SiteLayout(site, doors, bins);
    }
  }
}
