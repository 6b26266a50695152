package io.tagflow.gateway.pipeline;

import io.tagflow.protocol.epc.Epc96;

/**
 * One tag read as a value, for simulators, tests and replays. The gateway's hot path does not build
 * these: it feeds {@link TagPipeline#onRead(String, int, long, int, double, long)} or
 * {@link TagPipeline#onBatch} with primitives.
 *
 * @param readerId the reader's configured id
 * @param antennaId the LLRP AntennaID (1-based)
 * @param epc the 96-bit EPC
 * @param peakRssiDbm peak RSSI in dBm
 * @param timestampMicros the reader's timestamp, microseconds since the Unix epoch
 */
public record TagRead(String readerId, int antennaId, Epc96 epc, double peakRssiDbm,
                      long timestampMicros) {
}
