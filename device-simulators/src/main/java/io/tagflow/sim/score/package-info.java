/**
 * Scoring a gateway's movement and location events against a scene's ground truth
 * (docs/scenarios.md, section 5), and running a scene through the gateway's pipeline in-process to
 * tune it (section 6).
 *
 * <p>Nulls: {@code ObservedMovement.palletSscc} may be null (no label tag seen); report latencies
 * are null when nothing matched; nothing else accepts or returns null.
 */
package io.tagflow.sim.score;
