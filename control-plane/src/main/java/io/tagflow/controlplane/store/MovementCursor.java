package io.tagflow.controlplane.store;

import java.time.Instant;
import java.util.UUID;

/**
 * Keyset pagination position: the last movement of a page. Movements are listed newest first by
 * ({@code movedAt}, {@code movementId}), and the next page starts strictly after the cursor, so pages
 * stay stable while new movements arrive.
 */
public record MovementCursor(Instant movedAt, UUID movementId) {
  /** An opaque token for APIs: {@code <epoch micros>_<uuid>}. */
  public String token() {
    long micros = movedAt.getEpochSecond() * 1_000_000L + movedAt.getNano() / 1_000;
    return micros + "_" + movementId;
  }

  /**
   * Parses {@link #token()}.
   *
   * @throws IllegalArgumentException naming the token when it is not one
   */
  public static MovementCursor parse(String token) {
    int sep = token == null ? -1 : token.indexOf('_');
    try {
      if (sep > 0) {
        long micros = Long.parseLong(token.substring(0, sep));
        return new MovementCursor(Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L),
            Math.floorMod(micros, 1_000_000L) * 1_000L), UUID.fromString(token.substring(sep + 1)));
      }
    } catch (IllegalArgumentException e) {
      // fall through to the single error below
    }
    throw new IllegalArgumentException("cursor: not a cursor token: " + token);
  }
}
