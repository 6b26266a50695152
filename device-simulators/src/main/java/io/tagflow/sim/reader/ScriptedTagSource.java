package io.tagflow.sim.reader;

import io.tagflow.protocol.llrp.TagField;
import io.tagflow.protocol.llrp.TagReportBatch;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * A fixed script of tags for tests: each tag is seen by one antenna with a fixed RSSI in every round
 * whose time falls in its window. Built once; rounds allocate nothing.
 */
public final class ScriptedTagSource implements TagSource {
  private final byte[][] epcs;
  private final int[] bitLengths;
  private final int[] antennas;
  private final int[] rssi;
  private final long[] fromMicros;
  private final long[] untilMicros;

  private ScriptedTagSource(List<Entry> entries) {
    int n = entries.size();
    epcs = new byte[n][];
    bitLengths = new int[n];
    antennas = new int[n];
    rssi = new int[n];
    fromMicros = new long[n];
    untilMicros = new long[n];
    for (int i = 0; i < n; i++) {
      Entry e = entries.get(i);
      epcs[i] = e.epc;
      bitLengths[i] = e.epc.length * 8;
      antennas[i] = e.antenna;
      rssi[i] = e.rssi;
      fromMicros[i] = e.from;
      untilMicros[i] = e.until;
    }
  }

  public static Builder builder() {
    return new Builder();
  }

  @Override
  public void inventoryRound(long nowMicros, int antennaId, TagReportBatch out) {
    for (int i = 0; i < epcs.length; i++) {
      if (antennas[i] == antennaId && nowMicros >= fromMicros[i] && nowMicros < untilMicros[i]) {
        int tag = out.addTag(epcs[i], 0, bitLengths[i]);
        out.set(tag, TagField.PEAK_RSSI, rssi[i]);
      }
    }
  }

  /** Tags in the script. */
  public int size() {
    return epcs.length;
  }

  private record Entry(byte[] epc, int antenna, int rssi, long from, long until) {
  }

  /** Collects scripted tags. */
  public static final class Builder {
    private final List<Entry> entries = new ArrayList<>();

    /** A tag seen by {@code antenna} at {@code rssi} dBm in every round. */
    public Builder tag(String epcHex, int antenna, int rssi) {
      return tag(epcHex, antenna, rssi, Long.MIN_VALUE, Long.MAX_VALUE);
    }

    /** A tag seen in rounds with {@code fromMicros <= now < untilMicros}. */
    public Builder tag(String epcHex, int antenna, int rssi, long fromMicros, long untilMicros) {
      byte[] epc = HexFormat.of().parseHex(epcHex);
      if (epc.length == 0) {
        throw new IllegalArgumentException("epc must not be empty");
      }
      if (antenna < 1 || rssi < -128 || rssi > 127) {
        throw new IllegalArgumentException("antenna must be >= 1 and rssi -128..127 dBm");
      }
      entries.add(new Entry(epc, antenna, rssi, fromMicros, untilMicros));
      return this;
    }

    public ScriptedTagSource build() {
      return new ScriptedTagSource(entries);
    }
  }
}
