/**
 * Live state: where every tag of a site is now, and what every bin holds.
 *
 * <p>The state is a last-writer-wins register per tag, ordered by event time and then by event id
 * (see {@link io.tagflow.controlplane.live.Observation#ORDER}). Because that order is total and applying
 * an observation only ever replaces an older one, applying any set of observations in any order, any
 * number of times, gives the same state: replayed, duplicated and out-of-order events converge.
 * Bin counts are derived from the tag registers and never counted separately, so they converge too.
 *
 * <p>Null handling: as in {@code io.tagflow.controlplane.model}.
 */
package io.tagflow.controlplane.live;
