package io.tagflow.controlplane.ingest;

import io.tagflow.controlplane.store.StoredBatch;

/**
 * Told about every committed batch, on the ingest thread, after the batch's messages were
 * acknowledged: live state and anomaly rules hang here. {@link StoredBatch#newMovements()} lists
 * only movements not seen before, so a redelivery never counts twice.
 *
 * <p>It must return quickly (hand work to its own executor). An exception is logged and ignored: it
 * never stops ingest or un-commits the batch.
 */
public interface IngestListener {
  void onStored(StoredBatch batch);
}
