package io.tagflow.controlplane.http;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.MessageCodec;
import java.util.List;

/**
 * What a site's live-feed clients get per tick: the deltas of the tick, each encoded once as its own
 * message text ({@code {"kind","site","data"}}), and the same deltas as one {@code batch} message
 * ({@code {"kind":"batch","site":...,"data":[message, ...]}}), built once for every client that asked for
 * batches. A {@linkplain #resync() resync} frame carries no deltas: some were dropped, and each client
 * is sent a fresh snapshot instead.
 *
 * @param deltas the message texts, oldest first; empty for a resync
 * @param batch the batch message text; null for a resync
 */
record Frame(String site, List<String> deltas, String batch, boolean resync) {
  /** The kind of a batch message. */
  static final String BATCH = "batch";

  Frame {
    deltas = List.copyOf(deltas);
  }

  static Frame of(String site, List<String> deltas) {
    StringBuilder b = new StringBuilder(deltas.stream().mapToInt(String::length).sum() + deltas.size() + 64);
    b.append("{\"kind\":\"").append(BATCH).append("\",\"site\":").append(Json.encode(site)).append(",\"data\":[");
    for (int i = 0; i < deltas.size(); i++) {
      if (i > 0) {
        b.append(',');
      }
      b.append(deltas.get(i));
    }
    return new Frame(site, deltas, b.append("]}").toString(), false);
  }

  static Frame resync(String site) {
    return new Frame(site, List.of(), null, true);
  }

  /**
   * Passes frames between verticles of one JVM by reference (a frame is immutable); never on the wire.
   */
  static final class LocalCodec implements MessageCodec<Frame, Frame> {
    static final String NAME = "tagflow-live-frame";

    @Override
    public void encodeToWire(Buffer buffer, Frame frame) {
      throw new UnsupportedOperationException("live-feed frames are local to the control plane's JVM");
    }

    @Override
    public Frame decodeFromWire(int pos, Buffer buffer) {
      throw new UnsupportedOperationException("live-feed frames are local to the control plane's JVM");
    }

    @Override
    public Frame transform(Frame frame) {
      return frame;
    }

    @Override
    public String name() {
      return NAME;
    }

    @Override
    public byte systemCodecID() {
      return -1;
    }
  }
}
