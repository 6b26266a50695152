package io.tagflow.controlplane.anomaly;

import io.tagflow.controlplane.live.BinOccupancy;
import io.tagflow.controlplane.live.PositionChange;
import java.util.ArrayList;
import java.util.List;

/**
 * Raises {@link AnomalyType#BIN_OVER_CAPACITY} when a tag entering a bin takes it from full to one over
 * capacity. It is stateless: "just crossed" is read off the new count, so the bin raises once per
 * crossing (a further unit while over raises nothing; emptying below capacity and crossing again raises
 * a new one). The key is the bin and the event that crossed, so replaying that event raises the same id.
 */
public final class BinOverCapacityRule {
  /** Anomalies raised by one applied observation of {@code site}; empty when none. */
  public List<Anomaly> check(String site, PositionChange change) {
    List<Anomaly> raised = new ArrayList<>(1);
    for (BinOccupancy bin : change.bins()) {
      boolean entered = bin.bin().equals(change.current().place());
      if (entered && bin.count() == bin.capacity() + 1) {
        raised.add(Anomaly.builder(AnomalyType.BIN_OVER_CAPACITY, site, change.current().at())
            .key(bin.bin() + '\n' + change.current().eventId())
            .severity(Severity.WARNING)
            .bin(bin.bin())
            .lot(change.current().lotId())
            .epcs(List.of(change.current().epc()))
            .detail("bin " + bin.bin() + " holds " + bin.count() + " units, capacity " + bin.capacity())
            .build());
      }
    }
    return raised;
  }
}
