package io.tagflow.controlplane.feed;

/**
 * Where deltas go. {@link #publish} never blocks and never throws for a slow or absent client: delivery
 * to clients is best effort (a client that falls behind is disconnected and re-reads the snapshot).
 * Callable from any thread.
 */
@FunctionalInterface
public interface LiveFeed {
  void publish(LiveDelta delta);

  /**
   * The end of a batch of deltas (say those of one committed ingest batch): what was published so far
   * may go out now rather than at the feed's next tick. A hint; never blocks. Default: nothing.
   */
  default void flush() {
  }
}
