package io.tagflow.controlplane.live;

import java.time.Duration;

/**
 * How much live state a site keeps.
 *
 * @param shippedRetention how long a tag that left the site (its winning observation is an OUT movement)
 *     stays in the live map after that observation's event time, default {@link #DEFAULT_SHIPPED_RETENTION}.
 *     Events that arrive later than this after their event time may not converge (see {@link SiteState}).
 * @param maxTagsPerSite the most tags one site tracks, default {@link #DEFAULT_MAX_TAGS_PER_SITE}. When a
 *     site is full, its shipped tags are forgotten oldest first; when none is left to forget, new tags
 *     are not tracked (counted in {@link SiteState#refused()}) until room is made.
 */
public record LiveLimits(Duration shippedRetention, int maxTagsPerSite) {
  /**
   * Longer than the broker keeps a stopped instance's session (1 h, {@code IngestOptions}), so events
   * redelivered after an outage are still within it.
   */
  public static final Duration DEFAULT_SHIPPED_RETENTION = Duration.ofHours(6);
  public static final int DEFAULT_MAX_TAGS_PER_SITE = 2_000_000;
  public static final LiveLimits DEFAULTS = new LiveLimits(DEFAULT_SHIPPED_RETENTION, DEFAULT_MAX_TAGS_PER_SITE);

  public LiveLimits {
    if (shippedRetention == null || shippedRetention.isNegative() || shippedRetention.isZero()) {
      throw new IllegalArgumentException("shippedRetention must be positive (got " + shippedRetention + ")");
    }
    if (maxTagsPerSite < 1) {
      throw new IllegalArgumentException("maxTagsPerSite must be positive (got " + maxTagsPerSite + ")");
    }
  }
}
