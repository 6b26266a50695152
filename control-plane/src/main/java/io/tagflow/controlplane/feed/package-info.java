/**
 * The live feed: what changed, per site, for map and dashboard clients. {@link io.tagflow.controlplane.feed.LiveFeed}
 * is the seam; the Vert.x implementation fans deltas out over the event bus to WebSocket clients.
 *
 * <p>Null handling: as in {@code io.tagflow.controlplane.model}.
 */
package io.tagflow.controlplane.feed;
