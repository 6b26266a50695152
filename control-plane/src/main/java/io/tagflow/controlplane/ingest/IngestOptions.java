package io.tagflow.controlplane.ingest;

import java.time.Duration;
import java.util.Objects;

/**
 * Ingest settings.
 *
 * @param brokerUri Paho server URI, e.g. {@code tcp://127.0.0.1:1883}
 * @param clientId the MQTT client id; keep it stable across restarts of one instance so that the
 *     broker can hand the session's unacknowledged messages back
 * @param shareGroup the shared-subscription group, default {@link #DEFAULT_SHARE_GROUP}
 * @param topicPrefix a prefix for the topic tree ({@code ""} in production; tests use their own)
 * @param maxBatchSize a batch closes at this many messages, default {@link #DEFAULT_MAX_BATCH_SIZE}
 * @param linger ... or this long after its first message, default {@link #DEFAULT_LINGER}
 * @param receiveMaximum unacknowledged QoS 1 messages the broker may send at once (MQTT 5
 *     §3.1.2.11.3): the backpressure bound, default {@link #DEFAULT_RECEIVE_MAXIMUM}
 * @param sessionExpiry how long the broker keeps the session (and its unacknowledged messages) after
 *     a disconnect, default {@link #DEFAULT_SESSION_EXPIRY}
 * @param retryBackoff first wait before retrying a failed commit, doubled up to {@link #maxRetryBackoff}
 * @param maxRetryBackoff longest wait between commit attempts
 */
public record IngestOptions(String brokerUri, String clientId, String shareGroup, String topicPrefix, int maxBatchSize,
                            Duration linger, int receiveMaximum, Duration sessionExpiry, Duration retryBackoff,
                            Duration maxRetryBackoff) {
  public static final String DEFAULT_SHARE_GROUP = "tagflow-cp";
  public static final int DEFAULT_MAX_BATCH_SIZE = 500;
  public static final Duration DEFAULT_LINGER = Duration.ofMillis(50);
  public static final int DEFAULT_RECEIVE_MAXIMUM = 1000;
  public static final Duration DEFAULT_SESSION_EXPIRY = Duration.ofHours(1);
  public static final Duration DEFAULT_RETRY_BACKOFF = Duration.ofMillis(100);
  public static final Duration DEFAULT_MAX_RETRY_BACKOFF = Duration.ofSeconds(5);
  /** The largest MQTT packet ingest accepts (MQTT 5 §3.1.2.11.4): the broker drops larger ones. */
  public static final long MAXIMUM_PACKET_SIZE = 2L << 20;

  public IngestOptions {
    Objects.requireNonNull(brokerUri, "brokerUri");
    Objects.requireNonNull(shareGroup, "shareGroup");
    Objects.requireNonNull(topicPrefix, "topicPrefix");
    if (clientId == null || clientId.isEmpty()) {
      throw new IllegalArgumentException("clientId must not be empty");
    }
    if (maxBatchSize < 1) {
      throw new IllegalArgumentException("maxBatchSize must be positive");
    }
    if (linger.isNegative() || linger.isZero()) {
      throw new IllegalArgumentException("linger must be positive");
    }
    if (receiveMaximum < 1 || receiveMaximum > 65_535) {
      throw new IllegalArgumentException("receiveMaximum must be in 1..65535");
    }
    if (sessionExpiry.isNegative() || retryBackoff.isNegative() || retryBackoff.isZero()
        || maxRetryBackoff.compareTo(retryBackoff) < 0) {
      throw new IllegalArgumentException("sessionExpiry must not be negative, retryBackoff must be positive and"
          + " maxRetryBackoff at least retryBackoff");
    }
  }

  /** The defaults for a broker and client id. */
  public static IngestOptions defaults(String brokerUri, String clientId) {
    return new IngestOptions(brokerUri, clientId, DEFAULT_SHARE_GROUP, "", DEFAULT_MAX_BATCH_SIZE, DEFAULT_LINGER,
        DEFAULT_RECEIVE_MAXIMUM, DEFAULT_SESSION_EXPIRY, DEFAULT_RETRY_BACKOFF, DEFAULT_MAX_RETRY_BACKOFF);
  }

  public IngestOptions withTopicPrefix(String topicPrefix) {
    return new IngestOptions(brokerUri, clientId, shareGroup, topicPrefix, maxBatchSize, linger, receiveMaximum,
        sessionExpiry, retryBackoff, maxRetryBackoff);
  }

  public IngestOptions withBatching(int maxBatchSize, Duration linger) {
    return new IngestOptions(brokerUri, clientId, shareGroup, topicPrefix, maxBatchSize, linger, receiveMaximum,
        sessionExpiry, retryBackoff, maxRetryBackoff);
  }

  public IngestOptions withSessionExpiry(Duration sessionExpiry) {
    return new IngestOptions(brokerUri, clientId, shareGroup, topicPrefix, maxBatchSize, linger, receiveMaximum,
        sessionExpiry, retryBackoff, maxRetryBackoff);
  }

  public IngestOptions withRetryBackoff(Duration retryBackoff, Duration maxRetryBackoff) {
    return new IngestOptions(brokerUri, clientId, shareGroup, topicPrefix, maxBatchSize, linger, receiveMaximum,
        sessionExpiry, retryBackoff, maxRetryBackoff);
  }
}
