package io.tagflow.gateway.config;

import io.tagflow.gateway.delivery.FileOutbox;
import java.nio.file.Path;

/**
 * The durable outbox.
 *
 * @param directory where the segment files live (required); relative paths resolve against the
 *     configuration file's directory
 * @param quota disk quota, default 256MiB: WARN at 80%, new events refused at 100%
 * @param segmentSize size of one segment file, default 8MiB
 */
public record OutboxConfig(Path directory, ByteSize quota, ByteSize segmentSize) {
  public OutboxConfig {
    if (directory == null) {
      throw new ConfigProblem("directory", "is required, e.g. /var/lib/tagflow/outbox");
    }
    quota = quota == null ? new ByteSize(FileOutbox.Settings.DEFAULT_QUOTA_BYTES) : quota;
    segmentSize = segmentSize == null ? new ByteSize(Math.min(FileOutbox.Settings.DEFAULT_SEGMENT_BYTES,
        Math.max(1, quota.bytes() / 4))) : segmentSize;
    if (quota.bytes() < 64 * 1024) {
      throw new ConfigProblem("quota", "expected at least 64KiB, was " + quota);
    }
    if (segmentSize.bytes() < 4 * 1024 || segmentSize.bytes() > quota.bytes()) {
      throw new ConfigProblem("segmentSize", "expected at least 4KiB and at most the quota (" + quota + "), was " + segmentSize);
    }
  }

  /** The file outbox settings. */
  public FileOutbox.Settings toSettings() {
    return new FileOutbox.Settings(quota.bytes(), segmentSize.bytes(),
        (int) Math.min(FileOutbox.Settings.DEFAULT_MAX_RECORD_BYTES, quota.bytes()));
  }
}
