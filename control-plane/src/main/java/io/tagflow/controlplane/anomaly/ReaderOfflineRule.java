package io.tagflow.controlplane.anomaly;

import io.tagflow.protocol.event.ReaderState;
import io.tagflow.protocol.event.ReaderStatusEvent;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Raises {@link AnomalyType#READER_OFFLINE} when a reader goes from anything else to DISCONNECTED
 * (warning) or FAULT (critical). Repeats of an offline state raise nothing; the next offline after a
 * CONNECTED raises again. The key is gateway, reader and the status event's time, so the retained
 * status the broker re-delivers after a restart raises the same id, which the store keeps once.
 *
 * <p>Thread-safe; nothing blocks.
 */
public final class ReaderOfflineRule {
  private final Map<String, ReaderState> last = new HashMap<>();

  public synchronized List<Anomaly> check(ReaderStatusEvent e) {
    String reader = e.gateway() + "/" + e.reader();
    ReaderState before = last.put(e.site() + "/" + reader, e.state());
    boolean offline = e.state() == ReaderState.DISCONNECTED || e.state() == ReaderState.FAULT;
    boolean wasOffline = before == ReaderState.DISCONNECTED || before == ReaderState.FAULT;
    if (!offline || wasOffline) {
      return List.of();
    }
    return List.of(Anomaly.builder(AnomalyType.READER_OFFLINE, e.site(), e.at())
        .key(reader + "\n" + e.at())
        .severity(e.state() == ReaderState.FAULT ? Severity.CRITICAL : Severity.WARNING)
        .detail("reader " + e.reader() + " of gateway " + e.gateway() + " is " + e.state().json().toLowerCase(
            java.util.Locale.ROOT) + (e.detail() == null ? "" : ": " + e.detail()))
        .build());
  }
}
