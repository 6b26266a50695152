package io.tagflow.controlplane.anomaly;

import io.tagflow.protocol.event.ReaderState;
import io.tagflow.protocol.event.ReaderStatusEvent;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Raises {@link AnomalyType#READER_OFFLINE} when a reader goes from anything else to DISCONNECTED
 * (warning) or FAULT (critical). Repeats of an offline state raise nothing; the next offline after a
 * CONNECTED raises again, and the CONNECTED resolves the anomaly this rule raised (only one raised since
 * this process started: after a restart an older one stays for a person to resolve). The key is gateway,
 * reader and the status event's time, so the retained status the broker re-delivers after a restart
 * raises the same id, which the store keeps once.
 *
 * <p>Thread-safe; nothing blocks.
 */
public final class ReaderOfflineRule {
  private final Map<String, ReaderState> last = new HashMap<>();
  private final Map<String, String> raised = new HashMap<>();

  public synchronized DeviceVerdict check(ReaderStatusEvent e) {
    String reader = e.gateway() + "/" + e.reader();
    String key = e.site() + "/" + reader;
    ReaderState before = last.put(key, e.state());
    if (e.state() == ReaderState.CONNECTED) {
      return DeviceVerdict.recover(raised.remove(key));
    }
    boolean offline = e.state() == ReaderState.DISCONNECTED || e.state() == ReaderState.FAULT;
    boolean wasOffline = before == ReaderState.DISCONNECTED || before == ReaderState.FAULT;
    if (!offline || wasOffline) {
      return DeviceVerdict.NOTHING;
    }
    Anomaly a = Anomaly.builder(AnomalyType.READER_OFFLINE, e.site(), e.at())
        .key(reader + "\n" + e.at())
        .severity(e.state() == ReaderState.FAULT ? Severity.CRITICAL : Severity.WARNING)
        .detail("reader " + e.reader() + " of gateway " + e.gateway() + " is "
            + e.state().json().toLowerCase(Locale.ROOT) + (e.detail() == null ? "" : ": " + e.detail()))
        .build();
    raised.put(key, a.id());
    return DeviceVerdict.raise(a);
  }
}
