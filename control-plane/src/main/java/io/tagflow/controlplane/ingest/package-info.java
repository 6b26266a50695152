/**
 * Ingest: MQTT 5 messages from the gateways into the store, at least once and idempotently.
 *
 * <p>The pipeline reads top to bottom: {@link io.tagflow.controlplane.ingest.MqttIngest} (Paho, manual
 * acknowledgements) hands each message to an {@link io.tagflow.controlplane.ingest.IngestWorker} (two
 * threads, off any event loop), whose decode thread collects them with a {@link
 * io.tagflow.controlplane.ingest.BatchAssembler} (decode, validate, dead-letter) while its commit thread
 * commits the previous batch, in order, through a {@link io.tagflow.controlplane.ingest.BatchCommitter} ({@link
 * io.tagflow.controlplane.store.EventStore}, then PUBACKs, then listeners). A message is acknowledged
 * only after the transaction holding it has committed; until then the broker keeps it in the session
 * and delivers it again after a reconnect.
 */
package io.tagflow.controlplane.ingest;
