package io.tagflow.gateway.pipeline.internal;

import io.tagflow.gateway.pipeline.ReadPoint;
import io.tagflow.gateway.pipeline.Side;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The read-point layout, resolved to small integers once at build time so the hot path works with
 * array indexes: (reader, antenna) to read point, read point to door and side or to zone.
 */
public final class ReadPoints {
  /** LLRP antenna ids are 16-bit, but gateways configure a handful; higher ids are unmapped. */
  public static final int MAX_ANTENNA_ID = 64;

  private final Map<String, Ports> byReader = new HashMap<>();
  private String[] ids = new String[4];
  private Ports[] idPorts = new Ports[4];
  private final Map<ReadPoint, Integer> index = new LinkedHashMap<>();
  private final List<String> doors = new ArrayList<>();
  private final List<String> zones = new ArrayList<>();
  private int[] doorOf = new int[0];
  private int[] sideOf = new int[0];
  private int[] zoneOf = new int[0];

  /** Per reader: antenna id to read point index (-1 unmapped) and its minimum RSSI. */
  public static final class Ports {
    private final int[] readPoint = new int[MAX_ANTENNA_ID + 1];
    private final double[] minRssi = new double[MAX_ANTENNA_ID + 1];

    Ports() {
      java.util.Arrays.fill(readPoint, -1);
    }

    /** The read point of an antenna, or -1 when unmapped. */
    public int readPoint(int antennaId) {
      return antennaId < 1 || antennaId > MAX_ANTENNA_ID ? -1 : readPoint[antennaId];
    }

    /** The antenna's own minimum RSSI, or NaN for the global one. */
    public double minRssi(int antennaId) {
      return minRssi[antennaId];
    }
  }

  /** Maps an antenna; {@code minRssiDbm} is NaN to use the global minimum. */
  public void map(String readerId, int antennaId, ReadPoint point, double minRssiDbm) {
    if (antennaId < 1 || antennaId > MAX_ANTENNA_ID) {
      throw new IllegalArgumentException("antennaId must be between 1 and " + MAX_ANTENNA_ID
          + ", was " + antennaId);
    }
    Ports ports = byReader.get(readerId);
    if (ports == null) {
      ports = new Ports();
      byReader.put(readerId, ports);
      if (byReader.size() * 2 > ids.length) {
        indexReaders();
      } else {
        place(readerId, ports);
      }
    }
    if (ports.readPoint[antennaId] >= 0) {
      throw new IllegalArgumentException("antenna " + readerId + "/" + antennaId + " is mapped twice");
    }
    Integer rp = index.get(point);
    if (rp == null) {
      rp = index.size();
      index.put(point, rp);
      doorOf = java.util.Arrays.copyOf(doorOf, rp + 1);
      sideOf = java.util.Arrays.copyOf(sideOf, rp + 1);
      zoneOf = java.util.Arrays.copyOf(zoneOf, rp + 1);
      doorOf[rp] = -1;
      sideOf[rp] = -1;
      zoneOf[rp] = -1;
      if (point instanceof ReadPoint.DoorSide d) {
        doorOf[rp] = indexOf(doors, d.door());
        sideOf[rp] = d.side().ordinal();
      } else {
        zoneOf[rp] = indexOf(zones, ((ReadPoint.Zone) point).zone());
      }
    }
    ports.readPoint[antennaId] = rp;
    ports.minRssi[antennaId] = minRssiDbm;
  }

  private static int indexOf(List<String> names, String name) {
    int i = names.indexOf(name);
    if (i < 0) {
      names.add(name);
      i = names.size() - 1;
    }
    return i;
  }

  /** Checks every door has both sides; returns a message naming the first that has not, or null. */
  public String incompleteDoor() {
    for (int d = 0; d < doors.size(); d++) {
      boolean[] seen = new boolean[2];
      for (int rp = 0; rp < doorOf.length; rp++) {
        if (doorOf[rp] == d) {
          seen[sideOf[rp]] = true;
        }
      }
      for (Side s : Side.values()) {
        if (!seen[s.ordinal()]) {
          return "door " + doors.get(d) + " has no " + s + " read point";
        }
      }
    }
    return null;
  }

  /**
   * A reader's antenna table, or null for a reader with no mapped antenna. Does not allocate.
   *
   * <p>Called for every report, so it looks in its own open-addressing table of the readers, which
   * keeps the id object it was last asked with: a reader connection passing the same string each
   * time is answered by comparing references, without loading and comparing the strings.
   */
  public Ports ports(String readerId) {
    int h = readerId.hashCode();
    int mask = ids.length - 1;
    for (int i = (h ^ (h >>> 16)) & mask; ; i = (i + 1) & mask) {
      String k = ids[i];
      if (k == readerId) {
        return idPorts[i];
      }
      if (k == null) {
        return null;
      }
      if (k.hashCode() == h && k.equals(readerId)) {
        ids[i] = readerId;
        return idPorts[i];
      }
    }
  }

  /** Rebuilds the table of {@link #ports} from {@link #byReader}: at most half full. */
  private void indexReaders() {
    int capacity = Integer.highestOneBit(Math.max(4, byReader.size() * 2 - 1)) << 1;
    ids = new String[capacity];
    idPorts = new Ports[capacity];
    byReader.forEach(this::place);
  }

  private void place(String readerId, Ports ports) {
    int h = readerId.hashCode();
    int mask = ids.length - 1;
    int i = (h ^ (h >>> 16)) & mask;
    while (ids[i] != null) {
      i = (i + 1) & mask;
    }
    ids[i] = readerId;
    idPorts[i] = ports;
  }

  public int count() {
    return doorOf.length;
  }

  /** Door index of a read point, or -1 for a zone. */
  public int door(int readPoint) {
    return doorOf[readPoint];
  }

  /** {@link Side#ordinal()} of a door read point, or -1. */
  public int side(int readPoint) {
    return sideOf[readPoint];
  }

  /** Zone index of a read point, or -1 for a door side. */
  public int zone(int readPoint) {
    return zoneOf[readPoint];
  }

  public int doorCount() {
    return doors.size();
  }

  public int zoneCount() {
    return zones.size();
  }

  public String doorName(int door) {
    return doors.get(door);
  }

  public String zoneName(int zone) {
    return zones.get(zone);
  }
}
