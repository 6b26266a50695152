package io.tagflow.sim.scenario;

import io.tagflow.protocol.event.Direction;
import java.util.List;

/**
 * Random pallet traffic through one door for long runs: a Poisson process of {@code ratePerHour}
 * between {@code fromS} and {@code untilS}. Each arrival is a new pallet of {@code casesPerPallet}
 * cases of one of {@code lots}. IN pallets go trailer, door, a random lane, a random bin; OUT pallets
 * stand in a random bin from time zero and go bin, a random lane, door, trailer.
 *
 * @param door door id
 * @param direction IN or OUT
 * @param ratePerHour mean pallets per hour
 * @param fromS first possible arrival, seconds
 * @param untilS no arrival after this, seconds (defaults to the scenario's duration)
 * @param lots the lots the pallets are made of (one lot per pallet, picked at random)
 * @param casesPerPallet cases on each pallet
 * @param companyPrefix GS1 company prefix for the generated SSCCs
 * @param lanes staging lanes to use
 * @param bins bins to use
 */
public record Arrivals(String door, Direction direction, Double ratePerHour, Double fromS, Double untilS,
                       List<String> lots, Integer casesPerPallet, String companyPrefix, List<String> lanes,
                       List<String> bins) {
  public Arrivals {
    fromS = fromS == null ? 0.0 : fromS;
    lots = lots == null ? List.of() : List.copyOf(lots);
    casesPerPallet = casesPerPallet == null ? 20 : casesPerPallet;
    lanes = lanes == null ? List.of() : List.copyOf(lanes);
    bins = bins == null ? List.of() : List.copyOf(bins);
  }
}
