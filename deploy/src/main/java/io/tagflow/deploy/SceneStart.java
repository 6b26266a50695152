package io.tagflow.deploy;

import io.tagflow.sim.reader.TagSource;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The demo scene's start: the first inventory round any simulated reader runs after {@link #open},
 * plus {@link #LEAD_MICROS}, rather than the moment the readers open their ports. The gateway connects
 * and starts its ROSpecs a few seconds after the readers listen (longer on a loaded machine); a pallet
 * crossing a door in that gap would be read by nobody and make no movement, so the first pallets of the
 * scene could not be scheduled in its first seconds. {@link #open} is called once the control plane
 * knows every tag, so that no read is judged against a partial registry.
 *
 * <p>One instance is shared by every reader of the scene, so that they all play one clock; the lead
 * gives the other readers' ROSpecs time to start. Before the start a reader sees nothing.
 */
final class SceneStart {
  /** Between the first inventory round and the scene's time zero. */
  static final long LEAD_MICROS = 1_000_000;
  private static final long NOT_STARTED = Long.MIN_VALUE;

  private final AtomicLong startMicros = new AtomicLong(NOT_STARTED);
  private final Runnable onStart;
  private volatile boolean open;

  /** @param onStart run once, on the reader thread that starts the scene */
  SceneStart(Runnable onStart) {
    this.onStart = onStart;
  }

  /** Lets the scene start with the next inventory round. */
  void open() {
    open = true;
  }

  /**
   * A source that feeds {@code scene} (a source whose time zero is the Unix epoch) with microseconds
   * since this scene's start.
   */
  TagSource feeding(TagSource scene) {
    return (nowMicros, antennaId, out) -> {
      if (!open) {
        return;
      }
      long start = startMicros.get();
      if (start == NOT_STARTED && startMicros.compareAndSet(NOT_STARTED, nowMicros + LEAD_MICROS)) {
        onStart.run();
      }
      start = startMicros.get();
      if (nowMicros >= start) {
        scene.inventoryRound(nowMicros - start, antennaId, out);
      }
    };
  }
}
