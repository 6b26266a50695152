package io.tagflow.controlplane.repository;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Objects;
import java.util.UUID;

/**
 * A keyset position in the movement order (newest first: {@code endedAt} descending, then
 * {@code movementId} descending). A page after this cursor holds movements strictly after it in that
 * order. Its {@link #token} is opaque to clients (URL-safe base64).
 */
public record MovementCursor(Instant endedAt, UUID movementId) {
  public MovementCursor {
    Objects.requireNonNull(endedAt, "endedAt");
    Objects.requireNonNull(movementId, "movementId");
  }

  /** The opaque form given to clients. */
  public String token() {
    return Base64.getUrlEncoder().withoutPadding()
        .encodeToString((endedAt + "|" + movementId).getBytes(StandardCharsets.UTF_8));
  }

  /**
   * Parses a token made by {@link #token}.
   *
   * @throws IllegalArgumentException when it is not one
   */
  public static MovementCursor parse(String token) {
    try {
      if (token.length() > 200) {
        throw new IllegalArgumentException("too long");
      }
      String s = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
      int bar = s.indexOf('|');
      return new MovementCursor(Instant.parse(s.substring(0, bar)), UUID.fromString(s.substring(bar + 1)));
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("cursor is not one this API issued", e);
    }
  }

  /** True when a movement ending at {@code at} with id {@code id} comes after this cursor (newest first). */
  public boolean isBefore(Instant at, UUID id) {
    int c = at.compareTo(endedAt);
    return c < 0 || c == 0 && id.compareTo(movementId) < 0;
  }
}
