package io.tagflow.sim.reader;

import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;

/**
 * How a simulated reader presents itself. Start from {@link #defaults()} and change with the
 * {@code with*} methods; every value is validated.
 *
 * @param host address to bind, {@value #DEFAULT_HOST} by default
 * @param port TCP port, 0 for any free port
 * @param antennaCount antennas the reader reports in its capabilities
 * @param txPowerTable transmit power per table index 1..n, in hundredths of dBm (LLRP 1.1
 *     TransmitPowerLevelTableEntry)
 * @param version LLRP header version the reader speaks: 1 (1.0.1) or 2 (1.1)
 * @param inventoryRound time between inventory rounds of a running ROSpec
 * @param reportEveryTags 0 (the default) to report as the client's ROReportSpec asks; N &gt; 0 makes
 *     the reader report after every N tags whatever N the client asked for (load tests: the report
 *     size is then a property of the simulated reader). Reports at the end of an AISpec or ROSpec
 *     still follow the client's trigger.
 */
public record SimulatedReaderOptions(String host, int port, int antennaCount, List<Integer> txPowerTable, int version,
                                     Duration inventoryRound, int reportEveryTags) {
  public static final String DEFAULT_HOST = "127.0.0.1";
  public static final int DEFAULT_PORT = 5084;
  public static final int DEFAULT_ANTENNA_COUNT = 4;
  /** 10.00 dBm to 30.00 dBm in 0.25 dB steps: 81 entries, like common fixed readers. */
  public static final List<Integer> DEFAULT_TX_POWER_TABLE = IntStream.rangeClosed(0, 80).map(i -> 1000 + 25 * i).boxed().toList();
  public static final int DEFAULT_VERSION = 2;
  public static final Duration DEFAULT_INVENTORY_ROUND = Duration.ofMillis(50);
  public static final int DEFAULT_REPORT_EVERY_TAGS = 0;

  public SimulatedReaderOptions {
    if (host == null || host.isBlank()) {
      throw new IllegalArgumentException("host must not be blank");
    }
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("port must be 0..65535, was " + port);
    }
    if (antennaCount < 1 || antennaCount > 0xFFFF) {
      throw new IllegalArgumentException("antennaCount must be 1..65535, was " + antennaCount);
    }
    if (txPowerTable == null || txPowerTable.isEmpty()) {
      throw new IllegalArgumentException("txPowerTable must not be empty");
    }
    txPowerTable = List.copyOf(txPowerTable);
    if (version != 1 && version != 2) {
      throw new IllegalArgumentException("version must be 1 (LLRP 1.0.1) or 2 (LLRP 1.1), was " + version);
    }
    if (inventoryRound == null || inventoryRound.toMillis() < 1) {
      throw new IllegalArgumentException("inventoryRound must be positive, was " + inventoryRound);
    }
    if (reportEveryTags < 0 || reportEveryTags > 0xFFFF) {
      throw new IllegalArgumentException("reportEveryTags must be 0..65535 (0 = as the client asks), was " + reportEveryTags);
    }
  }

  public static SimulatedReaderOptions defaults() {
    return new SimulatedReaderOptions(DEFAULT_HOST, DEFAULT_PORT, DEFAULT_ANTENNA_COUNT, DEFAULT_TX_POWER_TABLE,
        DEFAULT_VERSION, DEFAULT_INVENTORY_ROUND, DEFAULT_REPORT_EVERY_TAGS);
  }

  public SimulatedReaderOptions withHost(String value) {
    return new SimulatedReaderOptions(value, port, antennaCount, txPowerTable, version, inventoryRound, reportEveryTags);
  }

  public SimulatedReaderOptions withPort(int value) {
    return new SimulatedReaderOptions(host, value, antennaCount, txPowerTable, version, inventoryRound, reportEveryTags);
  }

  public SimulatedReaderOptions withAntennaCount(int value) {
    return new SimulatedReaderOptions(host, port, value, txPowerTable, version, inventoryRound, reportEveryTags);
  }

  public SimulatedReaderOptions withTxPowerTable(List<Integer> value) {
    return new SimulatedReaderOptions(host, port, antennaCount, value, version, inventoryRound, reportEveryTags);
  }

  public SimulatedReaderOptions withVersion(int value) {
    return new SimulatedReaderOptions(host, port, antennaCount, txPowerTable, value, inventoryRound, reportEveryTags);
  }

  public SimulatedReaderOptions withInventoryRound(Duration value) {
    return new SimulatedReaderOptions(host, port, antennaCount, txPowerTable, version, value, reportEveryTags);
  }

  public SimulatedReaderOptions withReportEveryTags(int value) {
    return new SimulatedReaderOptions(host, port, antennaCount, txPowerTable, version, inventoryRound, value);
  }
}
